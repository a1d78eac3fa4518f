/**
 * "1 thread", "2 threads": how the benchmarks print a backend's thread count.
 *
 * @param {number} n
 * @example
 * threadsLabel(1); // '1 thread'
 */
export const threadsLabel = (n) => `${n} thread${n === 1 ? '' : 's'}`;

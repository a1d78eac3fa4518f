/** Drawing k of n positions at random, the way the splits do. */

/**
 * Marks k distinct positions of 0..n-1 in `marks` (set to 1; the first n
 * entries are cleared first), a partial Fisher-Yates over `scratch`.
 */
export function pickPositions(n: number, k: number, rng: () => number, scratch: Int32Array, marks: Uint8Array): void {
  marks.fill(0, 0, n);
  for (let p = 0; p < n; p++) scratch[p] = p;
  for (let p = 0; p < k; p++) {
    const q = p + Math.floor(rng() * (n - p));
    const t = scratch[p];
    scratch[p] = scratch[q];
    scratch[q] = t;
    marks[scratch[p]] = 1;
  }
}

/** The longest row of a CSR offsets array. */
export function longestRow(rowStart: Int32Array): number {
  let most = 0;
  for (let r = 0; r + 1 < rowStart.length; r++) most = Math.max(most, rowStart[r + 1] - rowStart[r]);
  return most;
}

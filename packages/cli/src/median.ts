/**
 * The median of a list of numbers (the mean of the middle two for an even
 * count; 0 for none): how `train` and `bench` summarise samples/s over epochs.
 *
 * @example
 * median([3, 1, 2, 10]); // 2.5
 */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

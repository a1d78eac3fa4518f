/**
 * How many interactions each user gets in a synthetic set: proportional to
 * an activity weight, at least 1 and at most `cap`, about `total` in all.
 * The scale c with sum(clamp(c * w_u, 1, cap)) = total is found by
 * bisection, then each count is rounded up or down at random (so the total
 * is right on average).
 */

/** Counts per user (an Int32Array) summing to about `total`. */
export function rowCounts(weights: Float64Array, total: number, cap: number, rng: () => number): Int32Array {
  const n = weights.length;
  const sum = (c: number) => {
    let s = 0;
    for (let u = 0; u < n; u++) s += Math.min(cap, Math.max(1, c * weights[u]));
    return s;
  };
  let lo = 0;
  let hi = 1;
  while (sum(hi) < total && hi < 1e300) hi *= 2;
  for (let step = 0; step < 100; step++) {
    const mid = (lo + hi) / 2;
    if (sum(mid) < total) lo = mid;
    else hi = mid;
  }
  const counts = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const x = Math.min(cap, Math.max(1, hi * weights[u]));
    counts[u] = Math.min(cap, Math.floor(x + rng()));
  }
  return counts;
}

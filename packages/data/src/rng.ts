/**
 * Seeded randomness. mulberry32 is small, fast and good enough for shuffles;
 * `shuffleIndices` is a Fisher-Yates shuffle drawn from it (from the last
 * index down, `j = floor(rng() * (i + 1))`), a procedure simple enough to
 * repeat in any language, so the 8,000 / 2,000 MNIST split that Keras and
 * PyTorch runs are compared on is `splitDataset(loadDataset('mnist'), {
 * test: 2000, seed: 12345 })`.
 *
 * @hourglass/core has its own generator (SplitMix32, an object with forks and
 * normals) for weights, epoch shuffles and noise; this package cannot use it
 * (it has no tfjs and core may not depend on it), and changing either would
 * change reference splits or trained weights.
 */
import { DataError } from './errors.js';

/**
 * mulberry32, a deterministic generator of floats uniform in [0, 1), seeded
 * with a 32-bit integer.
 *
 * @example
 * const next = mulberry32(42);
 * next(); // 0.6011037519201636, every time
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new DataError(`seed must be a finite number, got ${seed}`);
  let s = Math.trunc(seed) | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A permutation of 0..n-1, the same for the same seed.
 *
 * @example
 * shuffleIndices(5, 0); // Int32Array [ ... a fixed order of 0..4 ... ]
 */
export function shuffleIndices(n: number, seed: number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new DataError(`n must be a non-negative integer, got ${n}`);
  const rng = mulberry32(seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

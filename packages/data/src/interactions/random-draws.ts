/** Seeded draws for the synthetic generators: normals and Zipf-like weights. */
import { shuffleIndices } from '../rng.js';

/**
 * A standard normal draw from a uniform generator (Box-Muller, one of the pair).
 *
 * @example
 * const z = normal(mulberry32(1));
 */
export function normal(rng: () => number): number {
  const a = 1 - rng(); // in (0, 1]: log stays finite
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * rng());
}

/** n normals with standard deviation `std`. */
export function normals(n: number, std: number, rng: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = std * normal(rng);
  return out;
}

/**
 * Zipf-like weights `(r + 1)^-skew` for popularity ranks r = 0..n-1 dealt
 * to the n entries in a seeded random order (so the most popular item is
 * not item 0). skew 0 gives equal weights.
 */
export function zipfWeights(n: number, skew: number, seed: number): Float64Array {
  const order = shuffleIndices(n, seed);
  const w = new Float64Array(n);
  for (let r = 0; r < n; r++) w[order[r]] = Math.pow(r + 1, -skew);
  return w;
}

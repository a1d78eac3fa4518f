/**
 * Synthetic explicit ratings with a known truth, to check that a recommender
 * learns what there is to learn. The noiseless score of user u for item i is
 *
 *   truth(u, i) = mean + userBias[u] + itemBias[i] + U[u] . V[i]
 *
 * with mean the middle of the scale, biases ~ N(0, (0.1 range)^2) and
 * factors scaled so that U[u] . V[i] has standard deviation 0.15 range
 * (range = scale[1] - scale[0]). A rating is clip(truth + N(0, sigma^2)) to
 * the scale, rounded to multiples of `step` above scale[0] when a step is
 * given. Which cells are observed is decided apart from the scores: user u
 * gets a number of ratings proportional to a Zipf-like activity weight, and
 * picks its items with probability proportional to a Zipf-like popularity
 * (exponent `skew` for both). Without a step, and with clipping rare, the
 * best possible RMSE is sigma.
 *
 * Memory: the interactions (8 bytes each) plus the factors ((users + items)
 * x rank floats); the users x items matrix is never formed.
 */
import { DataError } from '../errors.js';
import { mulberry32 } from '../rng.js';
import { CsrWriter } from './csr-writer.js';
import { DistinctSampler } from './distinct-sampler.js';
import type { Interactions } from './interactions.js';
import { normals, normal, zipfWeights } from './random-draws.js';
import { rowCounts } from './row-counts.js';
import { checkSize, indexIds, type SyntheticSize } from './synthetic-checks.js';

/** Options of syntheticRatings. */
export interface SyntheticRatingsOptions extends SyntheticSize {
  /** Standard deviation of the rating noise (default 0.5). */
  sigma?: number;
  /** Lowest and highest rating (default [1, 5]). */
  scale?: [number, number];
  /** Round ratings to multiples of this above scale[0] (e.g. 1 or 0.5; default: no rounding). */
  step?: number;
}

/** The noiseless model behind synthetic ratings. */
export interface RatingsTruth {
  /** The noiseless score of a user for an item (rows and columns of the interactions), clipped to the scale. */
  score(user: number, item: number): number;
  mean: number;
  userBias: Float32Array;
  itemBias: Float32Array;
  /** users x rank, row-major. */
  userFactors: Float32Array;
  /** items x rank, row-major. */
  itemFactors: Float32Array;
  rank: number;
  /** The noise standard deviation: the RMSE floor (without rounding and clipping). */
  sigma: number;
}

/**
 * Generates synthetic ratings and the model they come from.
 *
 * @example
 * const { interactions, truth } = syntheticRatings({ users: 1000, items: 500, density: 0.05, sigma: 0.5, seed: 1 });
 * truth.score(0, 3); // what user 0 would rate item 3 without noise
 */
export function syntheticRatings(options: SyntheticRatingsOptions): { interactions: Interactions; truth: RatingsTruth } {
  const { users, items, rank, density, skew, seed } = checkSize(options, 'syntheticRatings');
  const sigma = options.sigma ?? 0.5;
  const [lo, hi] = options.scale ?? [1, 5];
  const step = options.step ?? 0;
  if (!(sigma >= 0 && Number.isFinite(sigma))) throw new DataError(`syntheticRatings: sigma must be a non-negative number, got ${sigma}`);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new DataError(`syntheticRatings: scale must be [low, high] with low < high, got ${JSON.stringify(options.scale)}`);
  if (!(step >= 0 && Number.isFinite(step))) throw new DataError(`syntheticRatings: step must be a non-negative number, got ${step}`);
  const range = hi - lo;
  const rng = mulberry32(seed);
  const factorStd = Math.sqrt((0.15 * range) / Math.sqrt(rank));
  const userFactors = normals(users * rank, factorStd, rng);
  const itemFactors = normals(items * rank, factorStd, rng);
  const userBias = normals(users, 0.1 * range, rng);
  const itemBias = normals(items, 0.1 * range, rng);
  const mean = (lo + hi) / 2;
  const clip = (r: number) => Math.min(hi, Math.max(lo, r));
  const raw = (u: number, i: number) => {
    let s = mean + userBias[u] + itemBias[i];
    for (let k = 0; k < rank; k++) s += userFactors[u * rank + k] * itemFactors[i * rank + k];
    return s;
  };

  const counts = rowCounts(zipfWeights(users, skew, seed + 1), density * users * items, items, rng);
  let total = 0;
  for (let u = 0; u < users; u++) total += counts[u];
  const sampler = new DistinctSampler(items);
  sampler.setWeights(zipfWeights(items, skew, seed + 2));
  const chosen = new Int32Array(items);
  const out = new CsrWriter(users, total);
  for (let u = 0; u < users; u++) {
    sampler.draw(counts[u], rng, chosen);
    for (let q = 0; q < counts[u]; q++) {
      let r = clip(raw(u, chosen[q]) + sigma * normal(rng));
      if (step > 0) r = clip(lo + Math.round((r - lo) / step) * step);
      out.push(chosen[q], r);
    }
    out.endRow();
  }
  return {
    interactions: out.finish('synthetic ratings', indexIds(users), indexIds(items)),
    truth: { score: (u, i) => clip(raw(u, i)), mean, userBias, itemBias, userFactors, itemFactors, rank, sigma },
  };
}

/**
 * Synthetic clicks from a known preference model, for ranking metrics with a
 * known best. User u's score for item i is
 *
 *   score(u, i) = -skew * log(popularityRank(i) + 1) + U[u] . V[i]
 *
 * (a Zipf-like popularity in log space plus a low-rank taste whose standard
 * deviation is 1), and u's clicks are drawn without replacement from the
 * softmax of its scores over all items, as many as a Zipf-like activity
 * weight gives u. Ranking items by the true scores is the best possible
 * ranking; `truth.scores(u)` gives them.
 *
 * Cost: users x items x rank multiply-adds (every user's softmax is exact),
 * a few minutes for a MovieLens-20M-sized set (138,493 x 26,744, rank 10:
 * 214 s of CPU on a shared machine).
 * Memory: the clicks (8 bytes each), the factors, and a few arrays of one
 * row; the users x items matrix is never formed.
 */
import { mulberry32 } from '../rng.js';
import { CsrWriter } from './csr-writer.js';
import { DistinctSampler } from './distinct-sampler.js';
import type { Interactions } from './interactions.js';
import { normals, zipfWeights } from './random-draws.js';
import { rowCounts } from './row-counts.js';
import { checkSize, indexIds, type SyntheticSize } from './synthetic-checks.js';

/** Options of syntheticImplicit. */
export type SyntheticImplicitOptions = SyntheticSize;

/** The preference model behind synthetic clicks. */
export interface ImplicitTruth {
  /** The true scores of one user for every item (log-preferences, up to a constant); `out` is reused when given. */
  scores(user: number, out?: Float32Array): Float32Array;
  /** The popularity part of the scores, per item. */
  itemBias: Float32Array;
  /** users x rank, row-major. */
  userFactors: Float32Array;
  /** items x rank, row-major. */
  itemFactors: Float32Array;
  rank: number;
}

/**
 * Generates synthetic clicks (values 1) and the preference model they are drawn from.
 *
 * @example
 * const { interactions, truth } = syntheticImplicit({ users: 2000, items: 1000, density: 0.02, seed: 7 });
 * const best = truth.scores(0); // rank items by this for user 0's ideal list
 */
export function syntheticImplicit(options: SyntheticImplicitOptions): { interactions: Interactions; truth: ImplicitTruth } {
  const { users, items, rank, density, skew, seed } = checkSize(options, 'syntheticImplicit');
  const rng = mulberry32(seed);
  const factorStd = Math.pow(rank, -0.25); // U . V has variance rank * std^4 = 1
  const userFactors = normals(users * rank, factorStd, rng);
  const itemFactors = normals(items * rank, factorStd, rng);
  const popularity = zipfWeights(items, skew, seed + 2);
  const itemBias = new Float32Array(items);
  for (let i = 0; i < items; i++) itemBias[i] = Math.log(popularity[i]);
  const scores = (u: number, out = new Float32Array(items)) => {
    const base = u * rank;
    for (let i = 0; i < items; i++) {
      let s = itemBias[i];
      const at = i * rank;
      for (let k = 0; k < rank; k++) s += userFactors[base + k] * itemFactors[at + k];
      out[i] = s;
    }
    return out;
  };

  const counts = rowCounts(zipfWeights(users, skew, seed + 1), density * users * items, items, rng);
  let total = 0;
  for (let u = 0; u < users; u++) total += counts[u];
  const row = new Float32Array(items);
  const weights = new Float64Array(items);
  const sampler = new DistinctSampler(items);
  const chosen = new Int32Array(items);
  const out = new CsrWriter(users, total);
  for (let u = 0; u < users; u++) {
    scores(u, row);
    let top = -Infinity;
    for (let i = 0; i < items; i++) if (row[i] > top) top = row[i];
    for (let i = 0; i < items; i++) weights[i] = Math.exp(row[i] - top);
    sampler.setWeights(weights);
    sampler.draw(counts[u], rng, chosen);
    for (let q = 0; q < counts[u]; q++) out.push(chosen[q], 1);
    out.endRow();
  }
  return {
    interactions: out.finish('synthetic clicks', indexIds(users), indexIds(items)),
    truth: { scores, itemBias, userFactors, itemFactors, rank },
  };
}

/**
 * Top-K ranking metrics for a batch of users, with the definitions of Liang
 * et al. 2018 (Mult-VAE), so numbers compare with the published ones:
 *
 * - Recall@K = (held-out items among the top K) / min(K, number held out).
 *   The denominator is min(K, ...) rather than the number held out, so a
 *   perfect ranking scores 1 whatever K is.
 * - NDCG@K = DCG@K / IDCG@K, DCG@K = sum over the top K ranks r = 0, 1, ...
 *   that hold a held-out item of 1 / log2(r + 2), and IDCG@K the same sum
 *   over the first min(K, number held out) ranks (every one a hit).
 *
 * Relevance is binary: every stored held-out entry counts as one relevant
 * item, whatever its value (a repeated column counts once). Items in
 * `exclude` (the fold-in items the user already has) are taken out of the
 * ranking before the top K is chosen; a held-out item that is also excluded
 * can never be a hit but still counts in the denominator. Ties rank the
 * lower item index first (see top-k.ts). Users with no held-out items get NaN
 * and are left out of the mean.
 */
import { checkSparseRows, type SparseRows } from './sparse-rows.js';
import { RowMarker, TopKSelector, checkExclude, checkK, checkScores } from './top-k.js';

/** Per-user values of a ranking metric and their mean. */
export interface RankingReport {
  /** One value per user; NaN for a user with no held-out items. */
  perUser: Float64Array;
  /** Mean over the users with held-out items (NaN when there are none). */
  mean: number;
  /** How many users the mean is over (those with held-out items). */
  users: number;
}

/** Scores one user from the hit flags of their top list (1 where rank r holds a held-out item). */
type UserMetric = (hits: Uint8Array, listed: number, heldOut: number, k: number) => number;

function rankingMetric(what: string, metric: UserMetric, scores: Float32Array, heldOut: SparseRows, k: number, exclude?: SparseRows): RankingReport {
  checkK(what, k);
  checkSparseRows(`${what} heldOut`, heldOut);
  checkScores(what, scores, heldOut);
  if (exclude) checkExclude(what, exclude, heldOut);
  const { rows, columns } = heldOut;
  const kk = Math.min(k, columns);
  const selector = new TopKSelector(kk);
  const top = new Int32Array(kk);
  const hits = new Uint8Array(kk);
  const held = new RowMarker(heldOut);
  const excluded = exclude && new RowMarker(exclude);
  const perUser = new Float64Array(rows);
  let sum = 0;
  let users = 0;
  for (let u = 0; u < rows; u++) {
    const nHeld = held.mark(u);
    if (nHeld === 0) {
      perUser[u] = NaN;
      continue;
    }
    excluded?.mark(u);
    const listed = kk === 0 ? 0 : selector.select(scores, u * columns, columns, top, excluded?.stamps, u, u);
    for (let r = 0; r < listed; r++) hits[r] = held.stamps[top[r]] === u ? 1 : 0;
    perUser[u] = metric(hits, listed, nHeld, k);
    sum += perUser[u];
    users++;
  }
  return { perUser, mean: users ? sum / users : NaN, users };
}

const recall: UserMetric = (hits, listed, nHeld, k) => {
  let found = 0;
  for (let r = 0; r < listed; r++) found += hits[r];
  return found / Math.min(k, nHeld);
};

const discount = (r: number) => 1 / Math.log2(r + 2);

const ndcg: UserMetric = (hits, listed, nHeld, k) => {
  let dcg = 0;
  for (let r = 0; r < listed; r++) if (hits[r]) dcg += discount(r);
  let idcg = 0;
  for (let r = 0; r < Math.min(k, nHeld); r++) idcg += discount(r);
  return dcg / idcg;
};

/**
 * Recall@K of a batch of users (Liang et al. 2018): held-out items found in
 * each user's top `k` over min(k, number held out). `scores` is a dense
 * users x items Float32Array (row-major) for the same users as `heldOut`;
 * `exclude` (optional) holds the items to leave out of each user's ranking,
 * usually the fold-in items the scores were computed from. Users with no
 * held-out items get NaN and are left out of the mean.
 *
 * @example
 * const scores = ease.score(foldIn);
 * const { mean, perUser } = recallAtK(scores, heldOut, 20, foldIn);
 */
export function recallAtK(scores: Float32Array, heldOut: SparseRows, k: number, exclude?: SparseRows): RankingReport {
  return rankingMetric('recallAtK', recall, scores, heldOut, k, exclude);
}

/**
 * NDCG@K of a batch of users (Liang et al. 2018): DCG of each user's top `k`
 * (a hit at rank r = 0, 1, ... adds 1 / log2(r + 2)) over the DCG of a
 * perfect list of min(k, number held out) hits. Arguments as for
 * {@link recallAtK}; users with no held-out items get NaN and are left out of
 * the mean.
 *
 * @example
 * const { mean } = ndcgAtK(ease.score(foldIn), heldOut, 100, foldIn);
 */
export function ndcgAtK(scores: Float32Array, heldOut: SparseRows, k: number, exclude?: SparseRows): RankingReport {
  return rankingMetric('ndcgAtK', ndcg, scores, heldOut, k, exclude);
}

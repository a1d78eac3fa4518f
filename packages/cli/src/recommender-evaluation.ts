/**
 * The figures of a recommender on the held-out part of its split, and the
 * same figures of the baselines fitted on the same training part:
 *
 * - ratings: RMSE and MAE over the held-out ratings, predictions clipped to
 *   the training scale; baselines global, user and item mean and the biased
 *   baseline (clipped the same way);
 * - clicks: Recall@20, Recall@50 and NDCG@100 of the held-out users' target
 *   clicks, ranking every item but their fold-in ones (Liang et al.'s
 *   definitions, core's `recallAtK` / `ndcgAtK`); baselines popularity and
 *   EASE (skipped, with the reason, above its item limit).
 *
 * Scores are computed a batch of users at a time; the means are over users
 * with targets, summed batch by batch.
 */
import {
  DEFAULT_EASE_MAX_ITEMS, fitBiasedBaseline, fitEase, fitGlobalMean, fitItemMean, fitPopularity, fitUserMean, mae, ndcgAtK, recallAtK, rmse, sliceRows, sparseEntries,
  type Autoencoder, type ItemScorer, type RatingPredictor, type SparseRows,
} from '@hourglass/core';
import type { RecommenderParts } from './recommender-data.js';
import { clipTo, forEachOutputBatch } from './recommender-scores.js';

/** Rating figures. */
export interface RatingFigures {
  rmse: number;
  mae: number;
}

/** Ranking figures. */
export interface RankingFigures {
  recallAt20: number;
  recallAt50: number;
  ndcgAt100: number;
}

type Ratings = Extract<RecommenderParts, { kind: 'ratings' }>;
type Clicks = Extract<RecommenderParts, { kind: 'clicks' }>;

/**
 * The model's RMSE and MAE on the held-out ratings.
 *
 * @example
 * const { rmse } = await modelRatingFigures(model, parts, [1, 5], 256, 'run/model');
 */
export async function modelRatingFigures(model: Autoencoder, parts: Ratings, range: [number, number], batchSize: number, modelFile: string): Promise<RatingFigures & { ratings: number }> {
  const { trainRows, testRows } = parts;
  const predicted = new Float32Array(testRows.count);
  await forEachOutputBatch(model, trainRows, batchSize, modelFile, (start, n, out) => {
    for (let b = 0; b < n; b++)
      for (let p = testRows.rowStart[start + b]; p < testRows.rowStart[start + b + 1]; p++) predicted[p] = clipTo(out[b * trainRows.items + testRows.itemIndex[p]], range);
  });
  return { rmse: rmse(predicted, testRows.values), mae: mae(predicted, testRows.values), ratings: testRows.count };
}

/**
 * The rating baselines' RMSE and MAE on the same held-out ratings.
 *
 * @example
 * ratingBaselines(parts, [1, 5]).biased.rmse;
 */
export function ratingBaselines(parts: Ratings, range: [number, number]): Record<'globalMean' | 'userMean' | 'itemMean' | 'biased', RatingFigures> {
  const train = parts.train.asSparseRows();
  const { row, column, value } = sparseEntries(parts.test.asSparseRows());
  const figures = (p: RatingPredictor): RatingFigures => {
    const predicted = p.predict(row, column).map((v) => clipTo(v, range));
    return { rmse: rmse(predicted, value), mae: mae(predicted, value) };
  };
  return { globalMean: figures(fitGlobalMean(train)), userMean: figures(fitUserMean(train)), itemMean: figures(fitItemMean(train)), biased: figures(fitBiasedBaseline(train)) };
}

/** Sums of the per-user ranking metrics over batches of users. */
class RankingTotals {
  private readonly sums = { recallAt20: 0, recallAt50: 0, ndcgAt100: 0 };
  users = 0;

  add(scores: Float32Array, foldIn: SparseRows, target: SparseRows): void {
    const r20 = recallAtK(scores, target, 20, foldIn);
    this.sums.recallAt20 += r20.users ? r20.mean * r20.users : 0;
    const r50 = recallAtK(scores, target, 50, foldIn);
    this.sums.recallAt50 += r50.users ? r50.mean * r50.users : 0;
    const n100 = ndcgAtK(scores, target, 100, foldIn);
    this.sums.ndcgAt100 += n100.users ? n100.mean * n100.users : 0;
    this.users += r20.users;
  }

  figures(): RankingFigures {
    const n = this.users;
    return { recallAt20: this.sums.recallAt20 / n, recallAt50: this.sums.recallAt50 / n, ndcgAt100: this.sums.ndcgAt100 / n };
  }
}

/**
 * The model's Recall@20, Recall@50 and NDCG@100 on the held-out users.
 *
 * @example
 * const { recallAt20 } = await modelRankingFigures(model, parts, 500, 'run/model');
 */
export async function modelRankingFigures(model: Autoencoder, parts: Clicks, batchSize: number, modelFile: string): Promise<RankingFigures & { users: number }> {
  const totals = new RankingTotals();
  const foldIn = parts.foldIn.asSparseRows();
  const target = parts.target.asSparseRows();
  await forEachOutputBatch(model, parts.foldIn, batchSize, modelFile, (start, n, out) => totals.add(out, sliceRows(foldIn, start, start + n), sliceRows(target, start, start + n)));
  return { ...totals.figures(), users: totals.users };
}

/** A ranking baseline's figures, or why it was skipped. */
export type BaselineRanking = RankingFigures | { skipped: string };

/**
 * Popularity's and EASE's figures on the same held-out users (EASE skipped above `easeMaxItems` items).
 *
 * @example
 * rankingBaselines(parts, 500).popularity.recallAt20;
 */
export function rankingBaselines(parts: Clicks, batchSize: number, easeMaxItems = DEFAULT_EASE_MAX_ITEMS): { popularity: RankingFigures; ease: BaselineRanking } {
  const train = parts.train.asSparseRows();
  const figures = (scorer: ItemScorer): RankingFigures => {
    const totals = new RankingTotals();
    const foldIn = parts.foldIn.asSparseRows();
    const target = parts.target.asSparseRows();
    for (let s = 0; s < foldIn.rows; s += batchSize) {
      const e = Math.min(s + batchSize, foldIn.rows);
      const batch = sliceRows(foldIn, s, e);
      totals.add(scorer.score(batch), batch, sliceRows(target, s, e));
    }
    return totals.figures();
  };
  const ease: BaselineRanking =
    train.columns > easeMaxItems ? { skipped: `${train.columns} items, more than EASE's limit of ${easeMaxItems} (an items x items matrix in float64)` } : figures(fitEase(train, { maxItems: easeMaxItems }));
  return { popularity: figures(fitPopularity(train)), ease };
}

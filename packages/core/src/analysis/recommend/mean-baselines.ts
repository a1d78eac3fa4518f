/**
 * The simplest rating baselines: predict the global mean rating, the user's
 * mean, or the item's mean. A user or item without training ratings gets the
 * global mean.
 */
import { pairPredictor, ratingSums, type RatingPredictor } from './rating-predictor.js';
import type { SparseRows } from './sparse-rows.js';

/** The global-mean baseline: one rating for every pair. */
export interface GlobalMeanBaseline extends RatingPredictor {
  /** The mean of all training ratings. */
  mean: number;
}

/** A per-user or per-item mean baseline. */
export interface GroupMeanBaseline extends RatingPredictor {
  /** The mean of all training ratings (the fallback). */
  mean: number;
  /** The mean rating of each user (or item); NaN where there are no ratings. */
  means: Float64Array;
}

/**
 * Fits the global mean of the training ratings (users x items, CSR).
 *
 * @example
 * const b = fitGlobalMean(train);
 * rmse(b.predict(test.row, test.column), test.value);
 */
export function fitGlobalMean(train: SparseRows): GlobalMeanBaseline {
  const { mean } = ratingSums('fitGlobalMean', train);
  return { mean, predict: pairPredictor('fitGlobalMean', () => mean) };
}

function groupMeans(sums: Float64Array, counts: Int32Array): Float64Array {
  return sums.map((s, g) => (counts[g] ? s / counts[g] : NaN));
}

function groupPredictor(what: string, mean: number, means: Float64Array, byUser: boolean): GroupMeanBaseline {
  const rate = (u: number, i: number) => {
    const g = byUser ? u : i;
    return g < means.length && !Number.isNaN(means[g]) ? means[g] : mean;
  };
  return { mean, means, predict: pairPredictor(what, rate) };
}

/**
 * Fits each user's mean training rating; users without ratings get the global mean.
 *
 * @example
 * const b = fitUserMean(train);
 * b.predict([0, 7], [3, 3]); // user 0's mean, user 7's mean
 */
export function fitUserMean(train: SparseRows): GroupMeanBaseline {
  const s = ratingSums('fitUserMean', train);
  return groupPredictor('fitUserMean', s.mean, groupMeans(s.rowSum, s.rowCount), true);
}

/**
 * Fits each item's mean training rating; items without ratings get the global mean.
 *
 * @example
 * const b = fitItemMean(train);
 * b.predict([0, 7], [3, 3]); // item 3's mean, twice
 */
export function fitItemMean(train: SparseRows): GroupMeanBaseline {
  const s = ratingSums('fitItemMean', train);
  return groupPredictor('fitItemMean', s.mean, groupMeans(s.columnSum, s.columnCount), false);
}

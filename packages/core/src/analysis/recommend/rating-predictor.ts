/**
 * What a fitted rating baseline offers: predictions for (user, item) pairs.
 * Users and items are indices into the training matrix's rows and columns;
 * an index the training data never rated (no entries, or beyond its rows or
 * columns) is "unseen" and gets the baseline's fallback.
 */
import { ConfigError, DataValueError, ShapeError } from '../../errors.js';
import { checkSparseRows, type SparseRows } from './sparse-rows.js';

/** A fitted rating model: predicts the rating of each (users[i], items[i]) pair. */
export interface RatingPredictor {
  /** One predicted rating per pair, in float64. */
  predict(users: ArrayLike<number>, items: ArrayLike<number>): Float64Array;
}

/** Builds a RatingPredictor's `predict` from a function of one checked (user, item) pair. */
export function pairPredictor(what: string, rate: (user: number, item: number) => number): RatingPredictor['predict'] {
  return (users, items) => {
    if (users.length !== items.length) throw new ShapeError(`${what}.predict: ${users.length} users for ${items.length} items; expected one user per item`);
    const out = new Float64Array(users.length);
    for (let p = 0; p < users.length; p++) {
      const u = users[p];
      const i = items[p];
      if (!Number.isInteger(u) || u < 0 || !Number.isInteger(i) || i < 0)
        throw new ConfigError(`${what}.predict: pair ${p} is (user ${u}, item ${i}); indices must be whole numbers >= 0`);
      out[p] = rate(u, i);
    }
    return out;
  };
}

/** Sums and counts of the training ratings, overall, by row (user) and by column (item). */
export interface RatingSums {
  mean: number;
  rowSum: Float64Array;
  rowCount: Int32Array;
  columnSum: Float64Array;
  columnCount: Int32Array;
}

/** Checks the training ratings (well-formed, at least one, all finite) and sums them. */
export function ratingSums(what: string, train: SparseRows): RatingSums {
  checkSparseRows(`${what} train`, train);
  const count = train.rowStart[train.rows];
  if (count === 0) throw new DataValueError(`${what}: the training matrix has no ratings`);
  const rowSum = new Float64Array(train.rows);
  const rowCount = new Int32Array(train.rows);
  const columnSum = new Float64Array(train.columns);
  const columnCount = new Int32Array(train.columns);
  let total = 0;
  for (let u = 0; u < train.rows; u++)
    for (let e = train.rowStart[u]; e < train.rowStart[u + 1]; e++) {
      const r = train.values[e];
      if (!Number.isFinite(r)) throw new DataValueError(`${what}: rating of user ${u}, item ${train.columnIndex[e]} is ${r}; ratings must be finite`);
      const i = train.columnIndex[e];
      rowSum[u] += r;
      rowCount[u]++;
      columnSum[i] += r;
      columnCount[i]++;
      total += r;
    }
  return { mean: total / count, rowSum, rowCount, columnSum, columnCount };
}

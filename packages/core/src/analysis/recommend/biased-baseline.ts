/**
 * Koren's baseline predictor b_ui = mu + b_u + b_i: the global mean plus a
 * user bias and an item bias, fitted to the training ratings by regularised
 * least squares,
 *
 *   min over b  sum over rated (u, i) of (r_ui - mu - b_u - b_i)^2
 *               + userReg * sum b_u^2 + itemReg * sum b_i^2,
 *
 * with alternating least squares: each sweep solves for every item bias with
 * the user biases fixed, then for every user bias with the item biases fixed
 * (each a closed form, b_i = sum over i's raters of (r - mu - b_u) /
 * (itemReg + raters)). The defaults (userReg 15, itemReg 10, 10 sweeps) are
 * those of the Surprise library's BaselineOnly, where this loop has the same
 * order. Unseen users and items get a zero bias.
 */
import { ConfigError } from '../../errors.js';
import { pairPredictor, ratingSums, type RatingPredictor } from './rating-predictor.js';
import type { SparseRows } from './sparse-rows.js';

/** Options of {@link fitBiasedBaseline}. */
export interface BiasedBaselineOptions {
  /** Regularisation of the user biases (default 15). */
  userReg?: number;
  /** Regularisation of the item biases (default 10). */
  itemReg?: number;
  /** Alternating sweeps, each item biases then user biases (default 10). */
  sweeps?: number;
}

/** A fitted b_ui = mu + b_u + b_i. */
export interface BiasedBaseline extends RatingPredictor {
  /** mu, the mean of all training ratings. */
  mean: number;
  /** b_u for each training user. */
  userBias: Float64Array;
  /** b_i for each training item. */
  itemBias: Float64Array;
}

function nonNegative(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new ConfigError(`fitBiasedBaseline: ${name} must be a finite number >= 0, got ${v}`, { field: name });
  return v;
}

/**
 * Fits b_ui = mu + b_u + b_i to the training ratings (users x items, CSR) by
 * regularised alternating least squares.
 *
 * @example
 * const b = fitBiasedBaseline(train, { userReg: 15, itemReg: 10, sweeps: 10 });
 * const test = sparseEntries(testRatings);
 * rmse(b.predict(test.row, test.column), test.value);
 */
export function fitBiasedBaseline(train: SparseRows, options: BiasedBaselineOptions = {}): BiasedBaseline {
  const userReg = nonNegative('userReg', options.userReg ?? 15);
  const itemReg = nonNegative('itemReg', options.itemReg ?? 10);
  const sweeps = options.sweeps ?? 10;
  if (!Number.isInteger(sweeps) || sweeps < 1) throw new ConfigError(`fitBiasedBaseline: sweeps must be a whole number >= 1, got ${sweeps}`, { field: 'sweeps' });
  const { mean, rowCount, columnCount } = ratingSums('fitBiasedBaseline', train);
  const { rows, columns, rowStart, columnIndex, values } = train;
  const userBias = new Float64Array(rows);
  const itemBias = new Float64Array(columns);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    itemBias.fill(0);
    for (let u = 0; u < rows; u++)
      for (let e = rowStart[u]; e < rowStart[u + 1]; e++) itemBias[columnIndex[e]] += values[e] - mean - userBias[u];
    for (let i = 0; i < columns; i++) itemBias[i] = columnCount[i] || itemReg ? itemBias[i] / (itemReg + columnCount[i]) : 0;
    for (let u = 0; u < rows; u++) {
      let dev = 0;
      for (let e = rowStart[u]; e < rowStart[u + 1]; e++) dev += values[e] - mean - itemBias[columnIndex[e]];
      userBias[u] = rowCount[u] || userReg ? dev / (userReg + rowCount[u]) : 0;
    }
  }
  const rate = (u: number, i: number) => mean + (u < rows ? userBias[u] : 0) + (i < columns ? itemBias[i] : 0);
  return { mean, userBias, itemBias, predict: pairPredictor('fitBiasedBaseline', rate) };
}

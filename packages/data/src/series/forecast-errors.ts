/** Forecast accuracy: mean absolute error and root mean squared error over every forecast value. */
import { DataError } from '../errors.js';

/** Errors of a forecast against the truth. */
export interface ForecastErrors {
  /** Mean absolute error. */
  mae: number;
  /** Root mean squared error. */
  rmse: number;
}

/**
 * MAE and RMSE of a forecast, over all values (steps, features and windows alike).
 *
 * @example
 * forecastErrors([1, 2, 3], [1, 2, 5]); // { mae: 0.666..., rmse: 1.1547... }
 */
export function forecastErrors(pred: ArrayLike<number>, truth: ArrayLike<number>): ForecastErrors {
  if (pred.length !== truth.length) {
    throw new DataError(`the forecast has ${pred.length} values but the truth has ${truth.length}; expected the same`);
  }
  if (pred.length === 0) throw new DataError('cannot measure an empty forecast');
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < pred.length; i++) {
    const d = pred[i] - truth[i];
    if (!Number.isFinite(d)) {
      throw new DataError(`found ${pred[i]} in the forecast and ${truth[i]} in the truth, expected finite numbers`, { sample: i });
    }
    abs += Math.abs(d);
    sq += d * d;
  }
  return { mae: abs / pred.length, rmse: Math.sqrt(sq / pred.length) };
}

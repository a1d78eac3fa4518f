/** Rating-prediction errors: root mean squared error and mean absolute error, summed in float64. */
import { ShapeError } from '../../errors.js';

function checkPair(what: string, predicted: ArrayLike<number>, actual: ArrayLike<number>): void {
  if (predicted.length !== actual.length)
    throw new ShapeError(`${what}: ${predicted.length} predictions for ${actual.length} true ratings; expected one prediction per rating`);
}

/**
 * Root mean squared error between predicted and true ratings
 * (NaN when there are none).
 *
 * @example
 * rmse([3.5, 4], [3, 5]); // sqrt((0.25 + 1) / 2) = 0.7906
 */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPair('rmse', predicted, actual);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = predicted[i] - actual[i];
    sum += d * d;
  }
  return actual.length ? Math.sqrt(sum / actual.length) : NaN;
}

/**
 * Mean absolute error between predicted and true ratings
 * (NaN when there are none).
 *
 * @example
 * mae([3.5, 4], [3, 5]); // (0.5 + 1) / 2 = 0.75
 */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPair('mae', predicted, actual);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(predicted[i] - actual[i]);
  return actual.length ? sum / actual.length : NaN;
}

/**
 * The two forecasts every learned forecast is measured against. The naive
 * forecast repeats the last observed step; the seasonal-naive forecast
 * repeats the last observed season (the value one season before each
 * forecast step, going back whole seasons as far as needed). History is the
 * steps up to the forecast origin, row-major `[steps, features]`.
 */
import { DataError } from '../errors.js';

/**
 * The next `h` steps forecast as the last step of the history: `[h, features]`.
 *
 * @example
 * naiveForecast([1, 2, 3], 2); // Float32Array [3, 3]
 */
export function naiveForecast(history: ArrayLike<number>, h: number, features = 1): Float32Array {
  const steps = checkHistory(history, h, features, 1);
  const out = new Float32Array(h * features);
  for (let k = 0; k < h; k++) {
    for (let f = 0; f < features; f++) out[k * features + f] = history[(steps - 1) * features + f];
  }
  return out;
}

/**
 * The next `h` steps forecast as the same steps one season earlier:
 * step T + k (k = 0..h-1) takes the value at T + k - season * (floor(k / season) + 1).
 *
 * @example
 * seasonalNaiveForecast([1, 2, 3, 1, 2, 3], 4, 3); // Float32Array [1, 2, 3, 1]
 */
export function seasonalNaiveForecast(history: ArrayLike<number>, h: number, season: number, features = 1): Float32Array {
  if (!Number.isInteger(season) || season < 1) throw new DataError(`season must be an integer >= 1, got ${season}`);
  const steps = checkHistory(history, h, features, season);
  const out = new Float32Array(h * features);
  for (let k = 0; k < h; k++) {
    const from = steps + (k % season) - season;
    for (let f = 0; f < features; f++) out[k * features + f] = history[from * features + f];
  }
  return out;
}

/** The number of steps of the history, after checking the arguments. */
function checkHistory(history: ArrayLike<number>, h: number, features: number, need: number): number {
  if (!Number.isInteger(h) || h < 1) throw new DataError(`h (the steps to forecast) must be an integer >= 1, got ${h}`);
  if (!Number.isInteger(features) || features < 1) throw new DataError(`features must be an integer >= 1, got ${features}`);
  if (history.length % features !== 0) {
    throw new DataError(`the history has ${history.length} values, not a whole number of steps of ${features} features`);
  }
  const steps = history.length / features;
  if (steps < need) throw new DataError(`the history has ${steps} steps, fewer than the ${need} this forecast looks back`);
  return steps;
}

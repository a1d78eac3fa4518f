/**
 * Forecasts of a series model in the data's own units: the model predicts
 * the next `horizon` steps of scaled windows, and the saved scaling is
 * undone on the predictions. The latest window of a series is its last
 * `window` steps; rolling windows start at every step of the test range
 * that leaves room for the window and its horizon inside that range.
 */
import { predictAll, type Autoencoder } from '@hourglass/core';
import { DataError, windowSeries, type ArrayDataset, type Scaler, type SeriesWindows } from '@hourglass/data';
import { UsageError } from './exit-codes.js';
import type { SeriesMetadata } from './series-metadata.js';

/**
 * Throws unless the model forecasts (trained with `--horizon`).
 *
 * @example
 * assertForecaster(model, series, 'run/model/model.json', 'forecast');
 */
export function assertForecaster(model: Autoencoder, series: SeriesMetadata, modelFile: string, command: string): void {
  if (series.horizon > 0 && model.hasPredictor) return;
  throw new UsageError(`${command}: ${modelFile} has no predictor: it was trained to reconstruct its windows of ${series.window} steps; train it with --horizon <steps> to forecast`);
}

/**
 * The model's forecasts of `windows` (scaled), in data units: [n, horizon, features] row-major.
 *
 * @example
 * const values = await forecastsOf(model, windows, scaler);
 */
export async function forecastsOf(model: Autoencoder, windows: ArrayDataset, scaler: Scaler | undefined, batchSize = 512): Promise<Float32Array> {
  const predicted = await predictAll(model, windows, batchSize);
  return scaler ? scaler.inverseArray(predicted) : predicted;
}

/**
 * The last `window` steps of every series, as one dataset of windows.
 *
 * @example
 * const last = latestWindows(scaled, 48); // last.n === scaled.length
 */
export function latestWindows(parts: ArrayDataset[], window: number): ArrayDataset {
  const features = parts[0].sampleShape[0];
  const x = new Float32Array(parts.length * window * features);
  parts.forEach((p, k) => {
    if (p.n < window) throw new DataError(`the series has ${p.n} steps, fewer than the model's window of ${window}`, { file: p.name });
    x.set(p.x.subarray((p.n - window) * features, p.n * features), k * window * features);
  });
  return { name: 'latest windows', x, n: parts.length, sampleShape: [window, features] };
}

/**
 * Every window of the `parts` with its next `horizon` steps (stride 1).
 *
 * @example
 * const w = rollingWindows(savedSplit(scaled, series).test, series); // w.y: the truth of each forecast
 */
export function rollingWindows(parts: ArrayDataset[], series: SeriesMetadata): SeriesWindows {
  return windowSeries(parts, { window: series.window, horizon: series.horizon, stride: 1 });
}

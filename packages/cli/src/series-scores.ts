/**
 * Anomaly scores per time step from a series model. Every window of each
 * series (stride 1) is reconstructed, each of its steps gets the loss of
 * that step (mean over features: squared error for mse, cross-entropy for
 * bce), and a step's score is the mean over the windows that cover it
 * (data's `stepScores`). A model that only predicts scores each step by
 * its prediction error instead, so the first `window` steps of a series,
 * which no prediction covers, have no score (NaN).
 */
import { ConfigError, calibrateThreshold, predictAll, reconstructAll, type AnomalyMetadata, type Autoencoder } from '@hourglass/core';
import { stepScores, windowSeries, type ArrayDataset } from '@hourglass/data';
import type { SeriesMetadata } from './series-metadata.js';

/**
 * The loss of each step of each sample: `n` samples of `steps` steps of
 * `features` values; `output` is the model's output in data space.
 *
 * @example
 * perStepErrors('mse', x, recon, 2, 3, 1); // 6 values: [2 samples, 3 steps]
 */
export function perStepErrors(loss: string, input: Float32Array, output: Float32Array, n: number, steps: number, features: number): Float32Array {
  // A multinomial model spreads one distribution over the whole window: no step has a loss of its own.
  if (loss === 'multinomial') throw new ConfigError("step scores: a model trained with the multinomial loss has no per-step error; train the series model with 'mse' or 'bce'");
  const out = new Float32Array(n * steps);
  const eps = 1e-7;
  for (let r = 0; r < n * steps; r++) {
    let sum = 0;
    for (let f = 0; f < features; f++) {
      const k = r * features + f;
      if (loss === 'bce') {
        const p = Math.min(1 - eps, Math.max(eps, output[k]));
        sum -= input[k] * Math.log(p) + (1 - input[k]) * Math.log(1 - p);
      } else sum += (input[k] - output[k]) ** 2;
    }
    out[r] = sum / features;
  }
  return out;
}

/**
 * One score per step of every series in `parts` (scaled as the model was trained).
 *
 * @example
 * const [scores] = await seriesStepScores(model, [scaledSeries], meta.series);
 */
export async function seriesStepScores(model: Autoencoder, parts: ArrayDataset[], series: SeriesMetadata, batchSize = 512): Promise<Float32Array[]> {
  const features = parts[0].sampleShape[0];
  const predictOnly = model.recipe.target?.objective === 'predict';
  const windows = windowSeries(parts, { window: series.window, horizon: predictOnly ? series.horizon : 0, stride: 1 });
  const steps = predictOnly ? series.horizon : series.window;
  let errors: Float32Array;
  if (predictOnly) errors = perStepErrors(model.loss, windows.y!, await predictAll(model, windows, batchSize), windows.n, steps, features);
  else errors = perStepErrors(model.loss, windows.x, (await reconstructAll(model, windows, batchSize)).values, windows.n, steps, features);
  return parts.map((part, k) => {
    const rows: number[] = [];
    for (let i = 0; i < windows.n; i++) if (windows.series[i] === k) rows.push(i);
    const mine = new Float32Array(rows.length * steps);
    rows.forEach((i, j) => mine.set(errors.subarray(i * steps, (i + 1) * steps), j * steps));
    const starts = Int32Array.from(rows, (i) => windows.starts[i] + (predictOnly ? series.window : 0));
    const scores = stepScores(mine, starts, steps, part.n);
    if (predictOnly) scores.fill(NaN, 0, Math.min(series.window, part.n));
    return scores;
  });
}

/**
 * An anomaly threshold on step scores: the (1 - contamination) quantile of the scores of the training steps.
 *
 * @example
 * model.metadata.anomaly = await calibrateStepThreshold(model, trainParts, meta.series, 0.01);
 */
export async function calibrateStepThreshold(model: Autoencoder, parts: ArrayDataset[], series: SeriesMetadata, contamination: number): Promise<AnomalyMetadata> {
  const scores = (await seriesStepScores(model, parts, series)).flatMap((s) => Array.from(s).filter(Number.isFinite));
  return { threshold: calibrateThreshold(scores, contamination), contamination, calibratedOn: `${scores.length} training steps` };
}

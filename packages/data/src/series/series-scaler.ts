/**
 * Scaling for series, fitted on the training steps only: one parameter per
 * feature (column) of the series, so the same scaler applies to steps
 * `[features]`, windows `[window, features]` and forecast targets
 * `[horizon, features]`, and validation and test steps never influence it.
 */
import { fitScaler, type Scaler, type ScalerOptions } from '../transforms/scaler.js';
import type { ArrayDataset } from '../types.js';
import { seriesList } from './series-list.js';

/**
 * Fits a per-feature (`per: 'channel'`) scaler on the steps of the training
 * parts of one or several series.
 *
 * @example
 * const { train, test } = splitSeries(series, { test: 0.2 });
 * const scaler = fitSeriesScaler(train, 'standard');
 * const testWindows = scaler.transform(windowSeries(test, { window: 48, horizon: 12 })); // x and y scaled
 */
export function fitSeriesScaler(trainParts: ArrayDataset | readonly ArrayDataset[], kind: ScalerOptions['kind']): Scaler {
  const list = seriesList(trainParts);
  const features = list[0].sampleShape[0];
  const n = list.reduce((sum, p) => sum + p.n, 0);
  const x = new Float32Array(n * features);
  const anyMask = list.some((p) => p.mask);
  const mask = anyMask ? new Float32Array(n * features).fill(1) : undefined;
  let at = 0;
  for (const p of list) {
    x.set(p.x, at);
    if (mask && p.mask) mask.set(p.mask, at);
    at += p.x.length;
  }
  const steps: ArrayDataset = { name: list.length === 1 ? list[0].name : 'training steps', x, n, sampleShape: [features] };
  if (mask) steps.mask = mask;
  return fitScaler(steps, { kind, per: 'channel' });
}

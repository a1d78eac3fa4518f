/**
 * Cutting a numeric time series into sliding windows, for sequence
 * autoencoders and forecasting. The series is a dataset with one sample per
 * time step (sampleShape [features], e.g. from readCsv) or a plain array.
 * Window i covers steps [i*stride, i*stride + window); with a horizon h, its
 * target `y` is the next h steps. A window's label (when steps have labels) is the
 * largest step label inside it, so one anomalous step marks the window.
 */
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';

/** Options of slidingWindows. */
export interface WindowOptions {
  /** Steps per window. */
  window: number;
  /** Steps between window starts (default 1). */
  stride?: number;
  /** Steps after each window returned as its target (default 0: no target). */
  horizon?: number;
  /** Dataset name (default: the series name + `/windows`). */
  name?: string;
}

/** Windows of a series, with the following steps as targets `y` when a horizon is given. */
export interface WindowedDataset extends ArrayDataset {
  /** The `horizon` steps after each window, shape [n, horizon, features]. */
  y?: Float32Array;
  /** [horizon, features] */
  targetShape?: number[];
  /** The first step of each window. */
  starts: Int32Array;
}

/**
 * Sliding windows over a series: sampleShape [window, features].
 *
 * @example
 * const w = slidingWindows([1, 2, 3, 4, 5, 6], { window: 3, stride: 1, horizon: 1 });
 * w.n; // 3 windows: [1,2,3]->4, [2,3,4]->5, [3,4,5]->6
 * w.sampleShape; // [3, 1]
 */
export function slidingWindows(series: ArrayDataset | number[] | number[][], options: WindowOptions): WindowedDataset {
  const ds = Array.isArray(series) ? fromArray(series) : series;
  const features = ds.n === 0 ? 0 : ds.x.length / ds.n;
  const { window } = options;
  const stride = options.stride ?? 1;
  const horizon = options.horizon ?? 0;
  for (const [key, v, min] of [['window', window, 1], ['stride', stride, 1], ['horizon', horizon, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new DataError(`${key} must be an integer >= ${min}, got ${v}`);
  }
  const T = ds.n;
  if (T < window + horizon) {
    throw new DataError(`${ds.name}: the series has ${T} steps, fewer than window ${window} + horizon ${horizon}`);
  }
  const n = Math.floor((T - window - horizon) / stride) + 1;
  const size = window * features;
  const x = new Float32Array(n * size);
  const mask = ds.mask ? new Float32Array(n * size) : undefined;
  const target = horizon > 0 ? new Float32Array(n * horizon * features) : undefined;
  const starts = new Int32Array(n);
  const labels = ds.labels ? new Int32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const s = i * stride;
    starts[i] = s;
    x.set(ds.x.subarray(s * features, (s + window) * features), i * size);
    if (mask) mask.set(ds.mask!.subarray(s * features, (s + window) * features), i * size);
    if (target) target.set(ds.x.subarray((s + window) * features, (s + window + horizon) * features), i * horizon * features);
    if (labels) {
      let max = ds.labels![s];
      for (let t = s + 1; t < s + window; t++) max = Math.max(max, ds.labels![t]);
      labels[i] = max;
    }
  }
  const out: WindowedDataset = { name: options.name ?? `${ds.name}/windows`, x, n, sampleShape: [window, features], starts };
  if (ds.columns) out.columns = ds.columns;
  if (mask) out.mask = mask;
  if (labels) out.labels = labels;
  if (ds.labelNames) out.labelNames = ds.labelNames;
  if (target) {
    out.y = target;
    out.targetShape = [horizon, features];
  }
  return out;
}

function fromArray(series: number[] | number[][]): ArrayDataset {
  const rows = series.map((r) => (Array.isArray(r) ? r : [r]));
  const features = rows.length ? rows[0].length : 0;
  const x = new Float32Array(rows.length * features);
  rows.forEach((r, t) => {
    if (r.length !== features) throw new DataError(`step ${t} has ${r.length} features, expected ${features} like step 0`, { sample: t });
    r.forEach((v, f) => {
      if (!Number.isFinite(v)) throw new DataError(`found ${v}, expected a finite number`, { sample: t, column: f + 1 });
      x[t * features + f] = v;
    });
  });
  return { name: 'series', x, n: rows.length, sampleShape: [features] };
}

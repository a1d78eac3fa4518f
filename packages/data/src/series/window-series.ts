/**
 * Windows of several series parts, cut inside each part and never across two:
 * a window and its forecast target always lie within one contiguous part of
 * one series. Each window records the series it came from (`series`) and its
 * first step counted in that series (`starts`), so scores and forecasts can be
 * put back on the time axis of the right series.
 */
import { slidingWindows, type WindowedDataset } from '../formats/windows.js';
import type { ArrayDataset } from '../types.js';
import { seriesList } from './series-list.js';
import type { SeriesPart } from './split-series.js';

/** Options of windowSeries. */
export interface SeriesWindowOptions {
  /** Steps per window. */
  window: number;
  /** Steps after each window given as its target `y` (default 0: no target). */
  horizon?: number;
  /** Steps between window starts (default 1). */
  stride?: number;
  /** Dataset name (default: the part name + `/windows`). */
  name?: string;
}

/** Windows of series parts: sampleShape [window, features], targets [horizon, features]. */
export interface SeriesWindows extends WindowedDataset {
  /** The first step of each window, counted in its own series. */
  starts: Int32Array;
  /** Which series each window came from (the part's `seriesIndex`, else its place in the list). */
  series: Int32Array;
}

/**
 * Cuts sliding windows inside each part (and their next `horizon` steps as `y`)
 * and puts them in one dataset, parts in order.
 *
 * @example
 * const { train, test } = splitSeries(series, { test: 0.2, window: 48, horizon: 12 });
 * const windows = windowSeries(train, { window: 48, horizon: 12 });
 * windows.sampleShape; // [48, features]; windows.targetShape: [12, features]
 */
export function windowSeries(parts: ArrayDataset | readonly ArrayDataset[], options: SeriesWindowOptions): SeriesWindows {
  const list = seriesList(parts) as Array<ArrayDataset & Partial<SeriesPart>>;
  const horizon = options.horizon ?? 0;
  const cut = list.map((p) => slidingWindows(p, { window: options.window, horizon, stride: options.stride }));
  const features = list[0].sampleShape[0];
  const n = cut.reduce((sum, w) => sum + w.n, 0);
  const size = options.window * features;
  const x = new Float32Array(n * size);
  const y = horizon > 0 ? new Float32Array(n * horizon * features) : undefined;
  const anyMask = cut.some((w) => w.mask);
  const mask = anyMask ? new Float32Array(n * size).fill(1) : undefined;
  const labels = cut.every((w) => w.labels) ? new Int32Array(n) : undefined;
  const starts = new Int32Array(n);
  const series = new Int32Array(n);
  let at = 0;
  cut.forEach((w, k) => {
    x.set(w.x, at * size);
    if (y) y.set(w.y!, at * horizon * features); // slidingWindows gives y whenever horizon > 0
    if (mask && w.mask) mask.set(w.mask, at * size);
    if (labels) labels.set(w.labels!, at);
    const offset = list[k].offset ?? 0;
    for (let i = 0; i < w.n; i++) starts[at + i] = offset + w.starts[i];
    series.fill(list[k].seriesIndex ?? k, at, at + w.n);
    at += w.n;
  });
  const out: SeriesWindows = { name: options.name ?? windowsName(list), x, n, sampleShape: [options.window, features], starts, series };
  if (list[0].columns) out.columns = list[0].columns;
  if (mask) out.mask = mask;
  if (labels) out.labels = labels;
  if (list[0].labelNames) out.labelNames = list[0].labelNames;
  if (y) {
    out.y = y;
    out.targetShape = [horizon, features];
  }
  return out;
}

/** One part: its name + `/windows`; several: the part they share (e.g. `train`) + `/windows`. */
function windowsName(list: ArrayDataset[]): string {
  if (list.length === 1) return `${list[0].name}/windows`;
  const tails = new Set(list.map((p) => p.name.split('/').pop()));
  return tails.size === 1 ? `series/${[...tails][0]}/windows` : 'series/windows';
}

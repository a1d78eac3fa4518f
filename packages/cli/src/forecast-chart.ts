/**
 * The pictures of `hourglass forecast --png`: one panel per column (and per
 * series, the first four of each), on the step index. From the latest
 * window: the recent history and the forecast after it. Rolling over the
 * test range: the steps before it (history), the test range (truth) and the
 * forecasts made every `horizon` steps, which tile the range end to end.
 */
import type { ArrayDataset, SeriesWindows } from '@hourglass/data';
import { LINE_COLOURS, lineChartPng, type ChartPanel } from './line-chart.js';
import type { SeriesMetadata } from './series-metadata.js';

const SHOWN = 4;

/** Steps of column `c` of a series over [from, to), with their indices. */
function stepsOf(p: ArrayDataset, c: number, from: number, to: number): { x: number[]; y: number[] } {
  const f = p.sampleShape[0];
  const x: number[] = [];
  const y: number[] = [];
  for (let t = Math.max(0, from); t < Math.min(p.n, to); t++) x.push(t), y.push(p.x[t * f + c]);
  return { x, y };
}

function panelsOf(raw: ArrayDataset[], columns: string[], files: string[], draw: (k: number, c: number) => ChartPanel['lines']): ChartPanel[] {
  const panels: ChartPanel[] = [];
  for (let k = 0; k < Math.min(raw.length, SHOWN); k++)
    for (let c = 0; c < Math.min(columns.length, SHOWN); c++) panels.push({ title: raw.length > 1 ? `${files[k]}: ${columns[c]}` : columns[c], lines: draw(k, c) });
  return panels;
}

/**
 * History and the forecast after the end of each series; `values` holds [series, horizon, features].
 *
 * @example
 * await writeFile('forecast.png', latestForecastChart(raw, values, series, ['value'], ['load.csv']));
 */
export function latestForecastChart(raw: ArrayDataset[], values: Float32Array, series: SeriesMetadata, columns: string[], files: string[]): Buffer {
  const { window, horizon } = series;
  const f = columns.length;
  return lineChartPng(
    panelsOf(raw, columns, files, (k, c) => {
      const p = raw[k];
      const history = stepsOf(p, c, p.n - Math.max(4 * window, 10 * horizon), p.n);
      const last = history.y[history.y.length - 1];
      const fx = [p.n - 1, ...Array.from({ length: horizon }, (_, j) => p.n + j)];
      const fy = [last, ...Array.from({ length: horizon }, (_, j) => values[(k * horizon + j) * f + c])];
      return [
        { label: 'history', color: LINE_COLOURS.history, ...history },
        { label: 'forecast', color: LINE_COLOURS.forecast, x: fx, y: fy },
      ];
    }),
  );
}

/**
 * The test range of each series (truth), the steps before it, and the forecasts from every `horizon`-th window.
 *
 * @example
 * await writeFile('rolling.png', rollingForecastChart(raw, windows, values, series, ['value'], ['load.csv']));
 */
export function rollingForecastChart(raw: ArrayDataset[], windows: SeriesWindows, values: Float32Array, series: SeriesMetadata, columns: string[], files: string[]): Buffer {
  const { window, horizon } = series;
  const f = columns.length;
  return lineChartPng(
    panelsOf(raw, columns, files, (k, c) => {
      const p = raw[k];
      let start = Infinity; // the test range's first step: the first window's
      for (let i = 0; i < windows.n; i++) if (windows.series[i] === k) start = Math.min(start, windows.starts[i]);
      const fx: number[] = [];
      const fy: number[] = [];
      for (let i = 0; i < windows.n; i++) {
        if (windows.series[i] !== k || (windows.starts[i] - start) % horizon !== 0) continue;
        const origin = windows.starts[i] + window;
        for (let j = 0; j < horizon; j++) fx.push(origin + j), fy.push(values[(i * horizon + j) * f + c]);
      }
      return [
        { label: 'history', color: LINE_COLOURS.history, ...stepsOf(p, c, start - 2 * window, start + 1) },
        { label: 'forecast', color: LINE_COLOURS.forecast, x: fx, y: fy },
        { label: 'truth', color: LINE_COLOURS.truth, width: 1, ...stepsOf(p, c, start, p.n) },
      ];
    }),
  );
}

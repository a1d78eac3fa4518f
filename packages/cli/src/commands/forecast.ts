/**
 * `hourglass forecast`: the next `horizon` steps of a series from a model
 * trained with `--window --horizon`, in the data's own units. By default
 * from the latest window (the steps after the end of the data); with
 * `--rolling`, from every window of the test range of the model's saved
 * split, beside the truth, with the mean absolute and root mean squared
 * errors. One CSV row per forecast step; `--png` draws history, forecast
 * and truth (forecast-chart.ts).
 */
import type { BackendChoice } from '@hourglass/backends';
import { forecastErrors } from '@hourglass/data';
import { csvText } from '../csv-out.js';
import type { DataFlags } from '../data.js';
import { assertFiniteOutput } from '../finite.js';
import { latestForecastChart, rollingForecastChart } from '../forecast-chart.js';
import { summaryStream, writeOutput } from '../output.js';
import { assertForecaster, forecastsOf, latestWindows, rollingWindows } from '../series-forecasts.js';
import { openSeriesModel, savedSplit } from '../series-model.js';

/** Options of `hourglass forecast` (already parsed from flags). */
export interface ForecastOptions extends DataFlags {
  model: string;
  data: string;
  out: string;
  png?: string;
  rolling: boolean;
  batchSize: number;
  plugin?: string[];
  backend: BackendChoice;
  json: boolean;
}

/**
 * Runs `hourglass forecast`; returns the exit code.
 *
 * @example
 * await forecastCommand({ model: 'run/model', data: 'load.csv', out: 'forecast.csv', rolling: false, batchSize: 512, backend: 'auto', json: false });
 */
export async function forecastCommand(opts: ForecastOptions): Promise<number> {
  const { model, series, modelFile, files, raw, scaled, scaler, columns } = await openSeriesModel(opts, 'forecast');
  const { window, horizon } = series;
  const f = columns.length;
  const many = raw.length > 1;
  let lines: string[][];
  let summary: Record<string, unknown>;
  let png: Buffer | undefined;
  try {
    assertForecaster(model, series, modelFile, 'forecast');
    if (!opts.rolling) {
      const values = await forecastsOf(model, latestWindows(scaled, window), scaler, opts.batchSize);
      assertFiniteOutput(values, raw.length, 'forecasts', (j) => `column ${JSON.stringify(columns[j % f])}`, modelFile);
      lines = raw.flatMap((p, k) => Array.from({ length: horizon }, (_, j) => [...(many ? [files[k]] : []), String(p.n + j), ...Array.from(values.subarray((k * horizon + j) * f, (k * horizon + j + 1) * f), String)]));
      await writeOutput(opts.out, csvText([...(many ? ['series'] : []), 'step', ...columns], lines.length, (i) => lines[i]));
      if (opts.png) png = latestForecastChart(raw, values, series, columns, files);
      summary = { mode: 'latest', series: raw.length, window, horizon, rows: lines.length, out: opts.out, png: opts.png ?? null };
    } else {
      const windows = rollingWindows(savedSplit(scaled, series).test, series);
      const truth = rollingWindows(savedSplit(raw, series).test, series).y!;
      const values = await forecastsOf(model, windows, scaler, opts.batchSize);
      assertFiniteOutput(values, windows.n, 'forecasts', (j) => `column ${JSON.stringify(columns[j % f])}`, modelFile);
      lines = [];
      for (let i = 0; i < windows.n; i++) {
        const k = windows.series[i];
        const origin = windows.starts[i] + window;
        for (let j = 0; j < horizon; j++) {
          const at = (i * horizon + j) * f;
          const cells = Array.from({ length: f }, (_, c) => [String(values[at + c]), String(truth[at + c])]).flat();
          lines.push([...(many ? [files[k]] : []), String(origin), String(origin + j), String(j + 1), ...cells]);
        }
      }
      const header = [...(many ? ['series'] : []), 'origin', 'step', 'ahead', ...columns.flatMap((c) => [`${c}_forecast`, `${c}_truth`])];
      await writeOutput(opts.out, csvText(header, lines.length, (i) => lines[i]));
      if (opts.png) png = rollingForecastChart(raw, windows, values, series, columns, files);
      summary = { mode: 'rolling', series: raw.length, window, horizon, windows: windows.n, rows: lines.length, ...forecastErrors(values, truth), out: opts.out, png: opts.png ?? null };
    }
  } finally {
    model.dispose();
  }
  if (opts.png && png) await writeOutput(opts.png, png);
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else {
    const errors = summary.mode === 'rolling' ? `; mae ${(summary.mae as number).toPrecision(4)}, rmse ${(summary.rmse as number).toPrecision(4)} over ${summary.windows} test windows` : '';
    results.write(`wrote ${summary.rows} forecast rows (${horizon} steps ahead, ${summary.mode === 'rolling' ? 'rolling over the test range' : 'after the end of the data'}) to ${opts.out}${errors}\n`);
  }
  return 0;
}

/**
 * `hourglass forecast`: the next `horizon` steps of a series from a model
 * trained with `--window --horizon`, in the data's own units. By default
 * from the latest window (the steps after the end of the data); with
 * `--rolling`, from every window of the test range of the model's saved
 * split, beside the truth, with the mean absolute and root mean squared
 * errors. One CSV row per forecast step; `--png` draws history, forecast
 * and truth (forecast-chart.ts). With `--shard i/n` only the shard's block
 * of forecasts is made and written: of the series (latest) or of the test
 * windows (rolling), each giving `horizon` rows; its errors are of those
 * windows, and a chart, which draws every series, needs a run without it.
 */
import type { BackendChoice } from '@hourglass/backends';
import { forecastErrors } from '@hourglass/data';
import { csvText } from '../csv-out.js';
import type { DataFlags } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { assertFiniteOutput } from '../finite.js';
import { latestForecastChart, rollingForecastChart } from '../forecast-chart.js';
import { summaryStream, writeOutput } from '../output.js';
import { assertForecaster, forecastsOf, latestWindows, rollingWindows } from '../series-forecasts.js';
import { openSeriesModel, savedSplit } from '../series-model.js';
import { resolveShard, rowsOf, shardHeader, shardRange, shardSummary, shardWords, type ShardFlags } from '../shard.js';

/** Options of `hourglass forecast` (already parsed from flags). */
export interface ForecastOptions extends DataFlags, ShardFlags {
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
  const shard = resolveShard(opts);
  if (shard && shard.count > 1 && opts.png)
    throw new UsageError(`--png draws every series, and --shard ${shard.index}/${shard.count} forecasts part of them; draw it in a run without --shard`);
  const { model, series, modelFile, files, raw, scaled, scaler, columns } = await openSeriesModel(opts, 'forecast');
  const { window, horizon } = series;
  const f = columns.length;
  const many = raw.length > 1;
  let lines: string[][];
  let summary: Record<string, unknown>;
  let png: Buffer | undefined;
  let range: [number, number] = [0, 0];
  let all = 0;
  try {
    assertForecaster(model, series, modelFile, 'forecast');
    if (!opts.rolling) {
      all = raw.length;
      range = shardRange(shard, all);
      const mine = raw.slice(...range);
      const values = mine.length ? await forecastsOf(model, latestWindows(scaled.slice(...range), window), scaler, opts.batchSize) : new Float32Array(0);
      assertFiniteOutput(values, mine.length, 'forecasts', (j) => `column ${JSON.stringify(columns[j % f])}`, modelFile);
      lines = mine.flatMap((p, m) => Array.from({ length: horizon }, (_, j) => [...(many ? [files[range[0] + m]] : []), String(p.n + j), ...Array.from(values.subarray((m * horizon + j) * f, (m * horizon + j + 1) * f), String)]));
      await writeOutput(opts.out, csvText(shardHeader(shard, [...(many ? ['series'] : []), 'step', ...columns]), lines.length, (i) => lines[i]));
      if (opts.png) png = latestForecastChart(raw, values, series, columns, files);
      summary = { mode: 'latest', series: mine.length, window, horizon, rows: lines.length, out: opts.out, png: opts.png ?? null, ...shardSummary(shard, range, all) };
    } else {
      const everyWindow = rollingWindows(savedSplit(scaled, series).test, series);
      all = everyWindow.n;
      range = shardRange(shard, all);
      const windows = rowsOf(everyWindow, range);
      const truth = rowsOf(rollingWindows(savedSplit(raw, series).test, series), range).y!;
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
      await writeOutput(opts.out, csvText(shardHeader(shard, header), lines.length, (i) => lines[i]));
      if (opts.png) png = rollingForecastChart(raw, windows, values, series, columns, files);
      summary = { mode: 'rolling', series: raw.length, window, horizon, windows: windows.n, rows: lines.length, ...(windows.n ? forecastErrors(values, truth) : { mae: NaN, rmse: NaN }), out: opts.out, png: opts.png ?? null, ...shardSummary(shard, range, all) };
    }
  } finally {
    model.dispose();
  }
  if (opts.png && png) await writeOutput(opts.png, png);
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else {
    const errors = summary.mode === 'rolling' ? `; mae ${(summary.mae as number).toPrecision(4)}, rmse ${(summary.rmse as number).toPrecision(4)} over ${summary.windows} test windows` : '';
    results.write(`${shardWords(shard, range, all, summary.mode === 'rolling' ? 'windows' : 'series')}wrote ${summary.rows} forecast rows (${horizon} steps ahead, ${summary.mode === 'rolling' ? 'rolling over the test range' : 'after the end of the data'}) to ${opts.out}${errors}\n`);
  }
  return 0;
}

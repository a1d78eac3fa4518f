/**
 * `hourglass evaluate`: a model of rows or images is evaluated by
 * row-evaluation.ts (loss and terms, MSE, BCE, PSNR, probes); a
 * recommender by recommender-evaluate.ts (RMSE and MAE, or Recall and NDCG,
 * beside the baselines, on the held-out part of its split); a series
 * model by what follows, on the test range of its saved split. A forecasting model forecasts every window of the test
 * range (stride 1); its `mae` and `rmse` (data units, over every step and
 * column forecast) stand beside those of the naive and seasonal-naive
 * forecasts of the same windows (forecast-baselines.ts). A model that only
 * reconstructs reports its reconstruction error on the test windows, and
 * says that forecasting needs `--horizon`.
 */
import { scoreAll } from '@hourglass/core';
import type { BackendChoice } from '@hourglass/backends';
import { forecastErrors, windowSeries } from '@hourglass/data';
import type { DataFlags } from '../data.js';
import { assertFiniteOutput } from '../finite.js';
import { baselineErrors, chooseSeason } from '../forecast-baselines.js';
import { forecastsOf, rollingWindows } from '../series-forecasts.js';
import { openSeriesModel, savedMetadata, savedSplit } from '../series-model.js';
import { UsageError } from '../exit-codes.js';
import { evaluateRows, type RowEvaluateOptions } from '../row-evaluation.js';
import { evaluateRecommender } from '../recommender-evaluate.js';

/** Options of `hourglass evaluate` (already parsed from flags). */
export interface EvaluateOptions extends DataFlags, Partial<Pick<RowEvaluateOptions, 'trainData' | 'probe' | 'limit' | 'seed'>> {
  /** Ratings files: most interactions read. */
  maxInteractions?: number;
  model: string;
  data: string;
  season?: number;
  batchSize: number;
  plugin?: string[];
  backend: BackendChoice;
  json: boolean;
}

/** Flags that apply to one kind of model only, by the kind. */
const ONLY = { rows: ['trainData', 'probe', 'limit'], series: ['season'] } as const;
const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const fmt = (v: number) => v.toPrecision(4);

/**
 * Runs `hourglass evaluate`; returns the exit code.
 *
 * @example
 * await evaluateCommand({ model: 'run/model', data: 'load.csv', batchSize: 512, backend: 'auto', json: true });
 */
export async function evaluateCommand(opts: EvaluateOptions): Promise<number> {
  const saved = await savedMetadata(opts.model);
  if (saved.recommender) {
    const wrong = [...ONLY.rows, ...ONLY.series].find((key) => opts[key] !== undefined);
    if (wrong) throw new UsageError(`${flagOf(wrong)}: ${opts.model} is a recommender, evaluated on the held-out part of its training file; leave it out`);
    return evaluateRecommender(opts);
  }
  const isSeries = Boolean(saved.series);
  const wrong = (isSeries ? ONLY.rows : ONLY.series).find((key) => opts[key] !== undefined);
  if (wrong)
    throw new UsageError(
      `${flagOf(wrong)}: applies to ${isSeries ? 'models of rows or images' : 'series models (trained with --window)'}, and ${opts.model} is ${isSeries ? 'a series model' : 'not a series model'}; leave it out`,
    );
  if (!isSeries) return evaluateRows({ ...opts, seed: opts.seed ?? 0 });
  const { model, series, modelFile, raw, scaled, scaler, columns } = await openSeriesModel(opts, 'evaluate');
  let summary: Record<string, unknown>;
  try {
    const rawSplit = savedSplit(raw, series);
    const scaledTest = savedSplit(scaled, series).test;
    if (!(series.horizon > 0 && model.hasPredictor)) {
      const windows = windowSeries(scaledTest, { window: series.window, stride: 1 });
      const scores = await scoreAll(model, windows, opts.batchSize);
      assertFiniteOutput(scores, windows.n, 'scores', () => 'score', modelFile);
      const loss = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
      summary = { reconstruction: loss, loss: model.loss, windows: windows.n, forecast: null, note: 'the model reconstructs its windows; train it with --horizon to forecast' };
    } else {
      const windows = rollingWindows(scaledTest, series);
      const truth = rollingWindows(rawSplit.test, series).y!;
      const values = await forecastsOf(model, windows, scaler, opts.batchSize);
      assertFiniteOutput(values, windows.n, 'forecasts', (j) => `column ${JSON.stringify(columns[j % columns.length])}`, modelFile);
      const origins = Array.from({ length: windows.n }, (_, i) => ({ series: windows.series[i], step: windows.starts[i] + series.window }));
      const season = chooseSeason(opts.season, series.season, rawSplit.train);
      const baselines = baselineErrors(raw, origins, series.horizon, season.season, truth);
      summary = {
        ...forecastErrors(values, truth),
        windows: windows.n,
        horizon: series.horizon,
        baselines: { naive: baselines.naive, seasonalNaive: baselines.seasonalNaive ? { ...baselines.seasonalNaive, seasonSource: season.source } : null },
      };
    }
  } finally {
    model.dispose();
  }
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else if (summary.forecast === null) process.stdout.write(`reconstruction ${model.loss} ${fmt(summary.reconstruction as number)} over ${summary.windows} test windows; ${summary.note}\n`);
  else {
    const b = summary.baselines as { naive: { mae: number; rmse: number }; seasonalNaive: { mae: number; rmse: number; season: number; seasonSource: string } | null };
    const s = b.seasonalNaive;
    process.stdout.write(
      `${series.horizon}-step forecast over ${summary.windows} test windows: mae ${fmt(summary.mae as number)}, rmse ${fmt(summary.rmse as number)}\n` +
        `naive (last value): mae ${fmt(b.naive.mae)}, rmse ${fmt(b.naive.rmse)}\n` +
        (s ? `seasonal naive (season ${s.season}, ${s.seasonSource}): mae ${fmt(s.mae)}, rmse ${fmt(s.rmse)}\n` : 'seasonal naive: no season detected; give one with --season\n'),
    );
  }
  return 0;
}

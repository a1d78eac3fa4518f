#!/usr/bin/env node
/**
 * Forecasting on real series: the h-step forecast of a recurrent model
 * ('predict' objective, LSTM encoder-decoder) on the test range of each
 * series of real-series.mjs, beside the naive (last value) and
 * seasonal-naive forecasts computed in the same run, over the same forecast
 * origins. Honest split: contiguous train / validation / test ranges (70 /
 * 10 / 20%), scaling fitted on the training range only, windows cut inside
 * each range. Errors are in the series' own units, over every window of the
 * test range and every step of its horizon; the ratio is model / baseline
 * (below 1: the model is better).
 *
 * By default each window is taken relative to its own last step (that value
 * is subtracted from the window and its target, and added back to the
 * forecast), so the model learns the change from the last value, as the
 * naive forecast assumes none: series with a trend (CO2) then leave the
 * training range's levels without leaving the model's. `--levels` feeds the
 * scaled levels instead (scaler fitted on the training steps).
 *
 * `--variant temporal-conv` forecasts with the convolutional architecture's
 * defaults instead (much faster to train than the LSTM on wasm).
 *
 *   node tools/bench/series/forecast.mjs [--backend wasm] [--epochs 40] [--variant recurrent|temporal-conv] [--cell lstm|gru] [--units 64]
 *     [--objective predict|composite] [--levels] [--quick]
 */
import { predictAll } from '@hourglass/core';
import { detectSeason, fitScaler, fitSeriesScaler, forecastErrors, naiveForecast, seasonalNaiveForecast, splitSeries, windowSeries } from '@hourglass/data';
import '@hourglass/variant-recurrent/register';
import '@hourglass/variant-temporal-conv/register';
import { fit, fix, flags, useBackend } from './common.mjs';
import { forecastSeries } from './real-series.mjs';

const o = flags({
  epochs: { type: 'string', default: '40' },
  objective: { type: 'string', default: 'predict' },
  variant: { type: 'string', default: 'recurrent' },
  cell: { type: 'string', default: 'lstm' },
  units: { type: 'string', default: '64' },
  patience: { type: 'string', default: '5' },
  levels: { type: 'boolean', default: false },
});

/** Windows (and targets) minus the last step of each window, per feature; `last` keeps what was subtracted. */
function relativeToLast(w) {
  const [window, features] = w.sampleShape;
  const horizon = w.targetShape[0];
  const x = new Float32Array(w.x.length);
  const y = new Float32Array(w.y.length);
  const last = new Float32Array(w.n * features);
  for (let i = 0; i < w.n; i++) {
    for (let f = 0; f < features; f++) {
      const v = w.x[(i * window + window - 1) * features + f];
      last[i * features + f] = v;
      for (let t = 0; t < window; t++) x[(i * window + t) * features + f] = w.x[(i * window + t) * features + f] - v;
      for (let t = 0; t < horizon; t++) y[(i * horizon + t) * features + f] = w.y[(i * horizon + t) * features + f] - v;
    }
  }
  return { ...w, x, y, last };
}

/** Adds each window's last step back to its forecast `[n, horizon, features]`. */
function addLast(forecast, last, horizon, features) {
  const out = Float32Array.from(forecast);
  for (let i = 0; i < out.length; i++) out[i] += last[Math.floor(i / (horizon * features)) * features + (i % features)];
  return out;
}
const backend = await useBackend(o.backend);
const rows = [];
const all = forecastSeries();
for (const { data, season: known, window, horizon } of o.quick ? all.slice(2, 3) : all) {
  const features = data.sampleShape[0];
  const split = splitSeries(data, { test: 0.2, validation: 0.1, window, horizon });
  const cut = (parts) => (o.levels ? windowSeries(parts, { window, horizon }) : relativeToLast(windowSeries(parts, { window, horizon })));
  const [train, validation, test] = [cut(split.train), cut(split.validation), cut(split.test)];
  // levels: one mean and deviation per feature of the training steps; changes: of the training windows' changes
  const scaler = o.levels ? fitSeriesScaler(split.train, 'standard') : fitScaler(train, { kind: 'standard', per: 'channel' });
  const season = known ?? detectSeason(split.train[0].x.filter((_, i) => i % features === features - 1));
  process.stderr.write(`${data.name}: ${data.n} steps, window ${window}, horizon ${horizon}, ${train.n} / ${validation.n} / ${test.n} windows, season ${season ?? 'none found'}\n`);

  const recipe = {
    inputShape: [window, features],
    variants: [o.variant === 'recurrent' ? { name: 'recurrent', config: { cell: o.cell, units: [Number(o.units)] } } : { name: o.variant }],
    target: { shape: [horizon, features], objective: o.objective },
    seed: o.seed,
  };
  const { model, result, seconds } = await fit(recipe, scaler.transform(train), {
    epochs: o.quick ? 1 : Number(o.epochs),
    seed: o.seed,
    validation: scaler.transform(validation),
    earlyStopping: { patience: Number(o.patience) },
  });
  const scaled = scaler.inverseArray(await predictAll(model, scaler.transform(test)));
  const forecast = o.levels ? scaled : addLast(scaled, test.last, horizon, features);
  const truth = o.levels ? test.y : addLast(test.y, test.last, horizon, features);
  model.dispose();

  // Baselines from the whole history before each forecast origin (the model sees only its window).
  const naive = new Float32Array(truth.length);
  const seasonal = season ? new Float32Array(truth.length) : undefined;
  for (let i = 0; i < test.n; i++) {
    const history = data.x.subarray(0, (test.starts[i] + window) * features);
    naive.set(naiveForecast(history, horizon, features), i * horizon * features);
    seasonal?.set(seasonalNaiveForecast(history, horizon, season, features), i * horizon * features);
  }
  const model_ = forecastErrors(forecast, truth);
  const naive_ = forecastErrors(naive, truth);
  const seasonal_ = seasonal && forecastErrors(seasonal, truth);
  const row = {
    series: data.name, steps: data.n, window, horizon, season, testWindows: test.n, epochs: result.epochsRun, trainSeconds: Math.round(seconds),
    model: model_, naive: naive_, seasonalNaive: seasonal_,
    maeRatio: { naive: model_.mae / naive_.mae, seasonalNaive: seasonal_ && model_.mae / seasonal_.mae },
    rmseRatio: { naive: model_.rmse / naive_.rmse, seasonalNaive: seasonal_ && model_.rmse / seasonal_.rmse },
  };
  rows.push(row);
  const pair = (e) => (e ? `MAE ${fix(e.mae)} RMSE ${fix(e.rmse)}` : 'n/a');
  console.log(
    `${data.name} [${o.variant}] (h ${horizon}, ${test.n} test windows, ${result.epochsRun} epochs): model ${pair(model_)} | naive ${pair(naive_)} | seasonal-naive${season ? ` (${season})` : ''} ${pair(seasonal_)} | ` +
      `MAE ratio ${fix(row.maeRatio.naive, 2)}x naive${seasonal_ ? `, ${fix(row.maeRatio.seasonalNaive, 2)}x seasonal` : ''}; RMSE ratio ${fix(row.rmseRatio.naive, 2)}x naive${seasonal_ ? `, ${fix(row.rmseRatio.seasonalNaive, 2)}x seasonal` : ''}`,
  );
}
console.log(JSON.stringify({ bench: 'forecast', backend: backend.name, variant: o.variant, cell: o.variant === 'recurrent' ? o.cell : undefined, objective: o.objective, inputs: o.levels ? 'levels' : 'change from the last step', quick: o.quick, rows }));

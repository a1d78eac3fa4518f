#!/usr/bin/env node
/**
 * Anomalies in labelled sensor readings (Suthaharan et al.: 4 motes, humidity
 * and temperature every 5 s, 18,914 readings, 149 labelled anomalies): an
 * autoencoder scores every reading, beside a rolling z-score baseline, by
 * ROC-AUC and PR-AUC (average precision) against the labels, in the same run.
 *
 * Unsupervised: the labels are never used in training. Each mote is one
 * series of [humidity, temperature], standardised per feature on all
 * readings; windows of 32 readings (stride 1) inside each mote; the model
 * reconstructs them; a reading's score is its absolute error, averaged over
 * features and over the windows that cover it (data's stepScores 'mean').
 * Baseline: the largest |z| over the features of a reading against the mean
 * and standard deviation of the k readings before it, for k = 32 (the
 * model's window), 128 and 512 (about 43 minutes).
 *
 *   node tools/bench/series/sensor.mjs [--backend wasm] [--model temporal-conv|recurrent] [--epochs 20] [--quick]
 */
import { fitSeriesScaler, stepScores, windowSeries } from '@hourglass/data';
import '@hourglass/variant-recurrent/register';
import '@hourglass/variant-temporal-conv/register';
import { fit, fix, flags, reconstructAll, useBackend } from './common.mjs';
import { prAuc, rocAuc, stepErrors } from './metrics.mjs';
import { sensorSeries } from './real-series.mjs';

const o = flags({
  epochs: { type: 'string', default: '20' },
  model: { type: 'string', default: 'temporal-conv' },
  window: { type: 'string', default: '32' },
});
const W = Number(o.window);
const VARIANTS = {
  'temporal-conv': { name: 'temporal-conv', config: { filters: [32, 16], kernelSize: 5 } },
  recurrent: { name: 'recurrent', config: { cell: 'lstm', units: [32] } },
};
const backend = await useBackend(o.backend);
const { series, labels } = sensorSeries();
const features = 2;
const scaler = fitSeriesScaler(series, 'standard');
const scaled = series.map((s) => scaler.transform(s));
const windows = windowSeries(scaled, { window: W });
const trainSet = o.quick ? { ...windows, x: windows.x.subarray(0, 512 * W * features), n: 512 } : windows;

const { model, result, seconds } = await fit({ inputShape: [W, features], variants: [VARIANTS[o.model]], seed: o.seed }, trainSet, {
  epochs: o.quick ? 1 : Number(o.epochs),
  seed: o.seed,
  validationSplit: 0.1,
  earlyStopping: { patience: 3 },
});
const errors = stepErrors(windows.x, reconstructAll(model, windows), windows.n, W, features);
model.dispose();

const Z_WINDOWS = [32, 128, 512];
const modelScores = [];
const baselineScores = Z_WINDOWS.map(() => []);
series.forEach((s, k) => {
  const mine = [];
  for (let i = 0; i < windows.n; i++) if (windows.series[i] === k) mine.push(i);
  const perStep = new Float32Array(mine.length * W);
  mine.forEach((i, j) => perStep.set(errors.subarray(i * W, (i + 1) * W), j * W));
  modelScores.push(...stepScores(perStep, mine.map((i) => windows.starts[i]), W, s.n, 'mean'));
  Z_WINDOWS.forEach((k, j) => baselineScores[j].push(...rollingZ(s.x, s.n, features, k)));
});
const truth = labels.flatMap((l) => [...l]);
const autoencoder = { rocAuc: rocAuc(modelScores, truth), prAuc: prAuc(modelScores, truth) };
const rollingZScore = Z_WINDOWS.map((k, j) => ({ readings: k, rocAuc: rocAuc(baselineScores[j], truth), prAuc: prAuc(baselineScores[j], truth) }));
const positives = truth.reduce((a, b) => a + b, 0);
console.log(
  `sensor readings (${truth.length}, ${positives} anomalies, base rate ${fix(positives / truth.length, 4)}): ${o.model} autoencoder (window ${W}) ROC-AUC ${fix(autoencoder.rocAuc)} PR-AUC ${fix(autoencoder.prAuc)} [${result.epochsRun} epochs, ${Math.round(seconds)} s]`,
);
for (const z of rollingZScore) console.log(`  rolling z-score over ${z.readings} readings: ROC-AUC ${fix(z.rocAuc)} PR-AUC ${fix(z.prAuc)}`);
console.log(JSON.stringify({ bench: 'sensor', backend: backend.name, variant: o.model, window: W, quick: o.quick, readings: truth.length, anomalies: positives, epochs: result.epochsRun, autoencoder, rollingZScore }));

/** Largest |z| over the features of each reading against the `k` readings before it (0 for the first two; standard deviations of at least 0.01). */
function rollingZ(x, n, f, k) {
  const out = new Float32Array(n);
  for (let t = 2; t < n; t++) {
    const from = Math.max(0, t - k);
    let worst = 0;
    for (let j = 0; j < f; j++) {
      let sum = 0;
      let sq = 0;
      for (let u = from; u < t; u++) (sum += x[u * f + j]), (sq += x[u * f + j] ** 2);
      const m = sum / (t - from);
      const sd = Math.max(Math.sqrt(Math.max(sq / (t - from) - m * m, 0)), 0.01); // readings have 2 decimals
      worst = Math.max(worst, Math.abs(x[t * f + j] - m) / sd);
    }
    out[t] = worst;
  }
  return out;
}

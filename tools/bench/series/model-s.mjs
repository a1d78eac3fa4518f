#!/usr/bin/env node
/**
 * Model S of the LSTM speed yardstick in Hourglass, on one backend: the
 * recurrent variant (LSTM(64) encoder, its last state as the code, repeated
 * over 48 steps, LSTM(64) decoder, a per-step dense layer to 1 feature) on
 * exactly the windows of shared/reference/pytorch-seq-bench.py, batch 128,
 * Adam 1e-3, MSE. Prints one JSON line shaped like `hourglass bench --json`:
 * samples/s (median, min, max of the timed epochs), train and test loss.
 *
 *   node tools/bench/series/model-s.mjs --backend wasm [--epochs 3] [--warmup 1] [--n-train 8000]
 *
 * Run by tools/bench/speed.mjs (BENCH_MODELS=S) beside the PyTorch script.
 */
import { parseArgs } from 'node:util';
import { Autoencoder, evaluate, train } from '@hourglass/core';
import { selectBackend } from '@hourglass/backends';
import '@hourglass/variant-recurrent/register';
import { MODEL_S, modelSData } from './model-s-data.mjs';

const { values: o } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    epochs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    'n-train': { type: 'string', default: '8000' },
    seed: { type: 'string', default: '0' },
  },
});
const epochs = Number(o.epochs);
const warmup = Number(o.warmup);
const seed = Number(o.seed);

const { train: trainData, test } = modelSData(Number(o['n-train']));
const backend = await selectBackend(o.backend);
const model = Autoencoder.create({
  inputShape: [MODEL_S.window, 1],
  variants: [{ name: 'recurrent', config: { cell: 'lstm', units: [MODEL_S.units] } }],
  seed,
});
const r = await train(model, trainData, {
  epochs: warmup + epochs,
  batchSize: MODEL_S.batchSize,
  seed,
  optimizer: { name: 'adam', learningRate: MODEL_S.learningRate },
  onEvent: (e) => {
    if (e.type === 'epoch')
      process.stderr.write(`epoch ${e.metrics.epoch}${e.metrics.epoch < warmup ? ' (warm-up)' : ''}: ${e.metrics.seconds.toFixed(2)}s ${Math.round(e.metrics.samplesPerSec)} samples/s loss ${e.metrics.loss.toFixed(4)}\n`);
  },
});
const timed = r.history.slice(warmup).map((h) => h.samplesPerSec).sort((a, b) => a - b);
const result = {
  model: 'S',
  description: 'LSTM autoencoder, window 48 x 1, 64 units, batch 128',
  backend: backend.name,
  backendDetails: backend.details,
  samplesPerSec: { median: timed[timed.length >> 1], min: timed[0], max: timed[timed.length - 1] },
  epochs,
  warmup,
  trainLoss: r.history[r.history.length - 1].loss,
  testLoss: await evaluate(model, test),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  parameters: model.parameterCount,
};
model.dispose();
process.stdout.write(JSON.stringify(result) + '\n');

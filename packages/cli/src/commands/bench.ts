/**
 * `hourglass bench`: training throughput of the three reference models (the
 * PyTorch comparison in the README) on the 8,000-digit MNIST split, with
 * the same layers, batch 256, Adam 1e-3, BCE and Glorot initialisation, so
 * the figures compare with PyTorch's side by side.
 *
 *   A: dense 784-128-64-32-64-128-784
 *   B: dense 784-512-256-64-256-512-784
 *   C: conv 16-8-8 with max pooling to 4x4x8 and an upsampling decoder
 *
 * Samples/s is the median over the timed epochs, after warm-up epochs.
 */
import { Autoencoder, evaluate, train, type BackendDetails, type VariantChoice } from '@hourglass/core';
import { selectBackend, type BackendChoice } from '@hourglass/backends';
import { loadTrainingData } from '../data.js';
import { median } from '../median.js';
import { ensureVariants } from '../variants.js';

/** The reference models of the PyTorch comparison in the README, as Hourglass variants. */
export const BENCH_MODELS: Record<string, { description: string; variants: VariantChoice[] }> = {
  A: { description: 'dense 784-128-64-32-64-128-784', variants: [{ name: 'undercomplete', config: { hidden: [128, 64], latent: 32 } }] },
  B: { description: 'dense 784-512-256-64-256-512-784', variants: [{ name: 'undercomplete', config: { hidden: [512, 256], latent: 64 } }] },
  C: { description: 'conv 16-8-8, max-pooled to 4x4x8, upsampling decoder', variants: [{ name: 'convolutional', config: { filters: [16, 8, 8] } }] },
};

/** Options of `hourglass bench` (already parsed from flags). */
export interface BenchOptions {
  /** A, B or C (a key of {@link BENCH_MODELS}). */
  model: string;
  backend: BackendChoice;
  /** Timed epochs; samples/s is their median. */
  epochs: number;
  /** Untimed epochs first (kernel set-up, JIT). */
  warmup: number;
  seed: number;
  /** Print one JSON object ({@link BenchResult}) on stdout. */
  json: boolean;
}

/** The JSON result of a benchmark run. */
export interface BenchResult {
  model: string;
  description: string;
  backend: string;
  backendDetails: BackendDetails;
  samplesPerSec: { median: number; min: number; max: number };
  epochs: number;
  warmup: number;
  trainLoss: number;
  testLoss: number;
  peakRssMB: number;
  parameters: number;
}

/**
 * Trains a reference model on the 8,000-digit MNIST split (batch 256, Adam
 * 1e-3, BCE) and reports training samples/s (median of the timed epochs),
 * the final train and test loss and peak RSS; returns the exit code.
 *
 * @example
 * await benchCommand({ model: 'C', backend: 'wasm', epochs: 3, warmup: 1, seed: 0, json: true });
 */
export async function benchCommand(opts: BenchOptions): Promise<number> {
  const spec = BENCH_MODELS[opts.model];
  await ensureVariants(spec.variants.map((v) => v.name));
  const data = loadTrainingData('mnist');
  const backend = await selectBackend(opts.backend);
  const model = Autoencoder.create({ inputShape: data.train.sampleShape, variants: spec.variants, seed: opts.seed });
  const r = await train(model, data.train, {
    epochs: opts.warmup + opts.epochs,
    batchSize: 256,
    seed: opts.seed,
    optimizer: { name: 'adam', learningRate: 1e-3 },
    onEvent: (e) => {
      if (e.type === 'epoch' && !opts.json)
        process.stderr.write(
          `epoch ${e.metrics.epoch}${e.metrics.epoch < opts.warmup ? ' (warm-up)' : ''}: ${e.metrics.seconds.toFixed(2)}s ${Math.round(e.metrics.samplesPerSec)} samples/s loss ${e.metrics.loss.toFixed(4)}\n`,
        );
    },
  });
  const timed = r.history.slice(opts.warmup).map((h) => h.samplesPerSec).sort((a, b) => a - b);
  const result: BenchResult = {
    model: opts.model,
    description: spec.description,
    backend: backend.name,
    backendDetails: backend.details,
    samplesPerSec: { median: median(timed), min: timed[0], max: timed[timed.length - 1] },
    epochs: opts.epochs,
    warmup: opts.warmup,
    trainLoss: r.history[r.history.length - 1].loss,
    testLoss: await evaluate(model, data.test!),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    parameters: model.parameterCount,
  };
  model.dispose();
  if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
  else
    process.stdout.write(
      `model ${result.model} (${result.description}) on ${result.backend}: ${Math.round(result.samplesPerSec.median).toLocaleString('en-US')} samples/s (median of ${opts.epochs}; min ${Math.round(result.samplesPerSec.min)}, max ${Math.round(result.samplesPerSec.max)}), train loss ${result.trainLoss.toFixed(4)}, test loss ${result.testLoss.toFixed(4)}, peak RSS ${result.peakRssMB} MB\n`,
    );
  return 0;
}

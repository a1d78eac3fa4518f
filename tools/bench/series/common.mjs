/**
 * What the sequence quality benchmarks share: flags (`--quick`, `--backend`,
 * `--seed`), training a model on windows, and reading its reconstructions
 * batch by batch. Each benchmark script prints readable lines and, last, one
 * JSON line.
 */
import { parseArgs } from 'node:util';
import { Autoencoder, tf, train } from '@hourglass/core';
import { selectBackend } from '@hourglass/backends';
import { threadsLabel } from '../threads-label.mjs';

/**
 * Parses the common flags plus `extra` (node:util parseArgs options).
 *
 * @example
 * const o = flags({ epochs: { type: 'string', default: '50' } }); // o.quick, o.backend, o.epochs
 */
export function flags(extra = {}) {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      backend: { type: 'string', default: process.env.BENCH_BACKEND ?? 'wasm' },
      seed: { type: 'string', default: '0' },
      ...extra,
    },
  });
  return { ...values, seed: Number(values.seed) };
}

/** Selects the backend and says which one runs (stderr). */
export async function useBackend(name) {
  const b = await selectBackend(name);
  process.stderr.write(`backend ${b.name}${b.details?.threads ? ` (${threadsLabel(b.details.threads)})` : ''}\n`);
  return b;
}

/**
 * Creates a model and trains it; epoch lines go to stderr.
 *
 * @example
 * const { model, result } = await fit({ inputShape: [48, 1], variants, target }, trainSet, { epochs: 20, validation });
 */
export async function fit(recipe, data, options) {
  const model = Autoencoder.create(recipe);
  const started = performance.now();
  const result = await train(model, data, {
    batchSize: 128,
    optimizer: { name: 'adam', learningRate: 1e-3 },
    ...options,
    onEvent: (e) => {
      if (e.type === 'epoch')
        process.stderr.write(
          `  epoch ${e.metrics.epoch + 1}: loss ${e.metrics.loss.toFixed(5)}${e.metrics.valLoss !== undefined ? ` val ${e.metrics.valLoss.toFixed(5)}` : ''} (${e.metrics.seconds.toFixed(1)}s)\n`,
        );
    },
  });
  return { model, result, seconds: (performance.now() - started) / 1000 };
}

/**
 * The model's reconstruction of every window, as one flat array (batches of 256).
 *
 * @example
 * const xhat = reconstructAll(model, windows); // windows.x.length values
 */
export function reconstructAll(model, data, batchSize = 256) {
  const per = data.x.length / data.n;
  const out = new Float32Array(data.x.length);
  for (let at = 0; at < data.n; at += batchSize) {
    const n = Math.min(batchSize, data.n - at);
    const x = tf.tensor(data.x.subarray(at * per, (at + n) * per), [n, ...data.sampleShape]);
    const r = model.reconstruct(x);
    out.set(r.dataSync(), at * per);
    x.dispose();
    r.dispose();
  }
  return out;
}

/** Formats a number with `d` decimals. */
export const fix = (v, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : String(v));

/**
 * `hourglass encode`: codes (or reconstructions, or anomaly scores) of new
 * data from a saved model, written as NPY or CSV: features for another model,
 * points for a scatter plot, scores to threshold. The model's saved scaling
 * is applied to the data first.
 */
import { tf, type Autoencoder } from '@hourglass/core';
import { encodeNpy } from '@hourglass/data';
import type { BackendChoice } from '@hourglass/backends';
import type { DataFlags } from '../data.js';
import { openModelAndData } from '../saved-run.js';
import { outputFormat, summaryStream, writeOutput } from '../output.js';

export interface EncodeOptions extends DataFlags {
  model: string;
  data: string;
  out: string;
  outFormat?: 'csv' | 'npy';
  plugin?: string[];
  what: 'codes' | 'reconstructions' | 'scores';
  batchSize: number;
  backend: BackendChoice;
  json: boolean;
}

async function mapBatches(model: Autoencoder, x: Float32Array, n: number, shape: number[], batch: number, what: EncodeOptions['what']) {
  const chunks: Float32Array[] = [];
  let outShape: number[] = [];
  for (let i = 0; i < n; i += batch) {
    const count = Math.min(batch, n - i);
    const per = x.length / n;
    const t = tf.tensor(x.subarray(i * per, (i + count) * per), [count, ...shape]);
    const y = what === 'codes' ? model.encode(t) : what === 'scores' ? model.score(t) : model.reconstruct(t);
    outShape = y.shape.slice(1);
    chunks.push((await y.data()) as Float32Array);
    t.dispose();
    y.dispose();
  }
  const total = new Float32Array(chunks.reduce((a, c) => a + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    total.set(c, off);
    off += c.length;
  }
  return { values: total, shape: [n, ...outShape] };
}

function toCsv(values: Float32Array, shape: number[], labels?: Int32Array): string {
  const cols = shape.slice(1).reduce((a, b) => a * b, 1);
  const head = Array.from({ length: cols }, (_, j) => `c${j}`);
  const lines = [(labels ? ['label', ...head] : head).join(',')];
  for (let i = 0; i < shape[0]; i++) {
    const row = Array.from(values.subarray(i * cols, (i + 1) * cols), (v) => String(v));
    lines.push((labels ? [String(labels[i]), ...row] : row).join(','));
  }
  return lines.join('\n') + '\n';
}

export async function encodeCommand(opts: EncodeOptions): Promise<number> {
  const format = outputFormat(opts.out, opts.outFormat, ['npy', 'csv']);
  const { model, raw: ds, data, scaled } = await openModelAndData(opts);
  const x = data.x;
  const { values, shape } = await mapBatches(model, x, ds.n, ds.sampleShape, opts.batchSize, opts.what);
  model.dispose();
  await writeOutput(opts.out, format === 'npy' ? encodeNpy(values, shape) : toCsv(values, shape, ds.labels));
  const summary = { what: opts.what, rows: ds.n, shape, out: opts.out, scaled };
  if (opts.json) summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
  else process.stderr.write(`wrote ${opts.what} [${shape.join(', ')}] to ${opts.out}\n`);
  return 0;
}

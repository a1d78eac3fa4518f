/**
 * `hourglass encode`: codes (or reconstructions, or anomaly scores) of new
 * data from a saved model, written as NPY or CSV: features for another model,
 * points for a scatter plot, scores to threshold. The model's saved scaling
 * is applied to the data first, and undone on reconstructions, which come
 * back in the data's own units under the data's column names. Scores are
 * the ones `detect` computes (over the observed entries with `--missing
 * mask`). Infinity or NaN is refused rather than written. With `--shard
 * i/n` only the shard's block of rows is encoded and written (shard.ts).
 * A file too large to hold (or `--stream`) is encoded as it is read (stream-encode.ts).
 */
import { encodeAll, reconstructAll, scoreAll } from '@hourglass/core';
import { encodeNpy } from '@hourglass/data';
import type { BackendChoice } from '@hourglass/backends';
import { labelTexts } from '../anomaly-labels.js';
import { csvText } from '../csv-out.js';
import type { DataFlags } from '../data.js';
import { assertFiniteOutput } from '../finite.js';
import { openModelAndData, rowsOfModelData } from '../saved-run.js';
import { resolveShard, shardHeader, shardRange, shardSummary, shardWords, type ShardFlags } from '../shard.js';
import { STDOUT, outputFormat, summaryStream, writeOutput } from '../output.js';
import { outputColumns } from '../output-columns.js';
import { streams, type StreamFlags } from '../stream-plan.js';
import { encodeStream } from '../stream-encode.js';

/** Options of `hourglass encode` (already parsed from flags). */
export interface EncodeOptions extends DataFlags, ShardFlags, StreamFlags {
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

/**
 * Runs `hourglass encode`; returns the exit code.
 *
 * @example
 * await encodeCommand({ model: 'run/model', data: 'new.csv', out: 'recon.csv', what: 'reconstructions', batchSize: 512, backend: 'auto', json: false });
 */
export async function encodeCommand(opts: EncodeOptions): Promise<number> {
  const shard = resolveShard(opts);
  const format = outputFormat(opts.out, opts.outFormat, ['npy', 'csv']);
  if (streams(opts.data, opts)) return encodeStream(opts, format, shard);
  const opened = await openModelAndData(opts);
  const all = opened.raw.n;
  const range = shardRange(shard, all);
  const { model, raw, data, scaler, scaled, metadata, modelFile, column } = rowsOfModelData(opened, range, opts.data);
  let values: Float32Array;
  let shape: number[];
  try {
    if (opts.what === 'scores') {
      values = await scoreAll(model, data, opts.batchSize);
      shape = [raw.n];
    } else {
      ({ values, shape } = await (opts.what === 'codes' ? encodeAll : reconstructAll)(model, data, opts.batchSize));
      // a shard without rows still writes the shape of a sample (the model's code, or the data's)
      if (raw.n === 0) shape = [0, ...(opts.what === 'codes' ? model.codeShape : raw.sampleShape)];
      if (opts.what === 'reconstructions' && scaler) values = scaler.inverseArray(values);
    }
  } finally {
    model.dispose();
  }
  const width = shape.slice(1).reduce((a, b) => a * b, 1);
  const names = outputColumns(opts.what, width, raw.columns ?? metadata.columns);
  assertFiniteOutput(values, raw.n, opts.what, opts.what === 'reconstructions' ? column : (j) => `column ${JSON.stringify(names[j])}`, modelFile);
  if (format === 'npy') await writeOutput(opts.out, encodeNpy(values, shape));
  else {
    const labels = labelTexts(raw);
    const row = (i: number) => Array.from(values.subarray(i * width, (i + 1) * width), String);
    await writeOutput(opts.out, csvText(shardHeader(shard, labels ? ['label', ...names] : names), raw.n, labels ? (i) => [labels[i], ...row(i)] : row));
  }
  const summary = { what: opts.what, rows: raw.n, shape, out: opts.out, scaled, ...shardSummary(shard, range, all) };
  if (opts.json) summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
  else process.stderr.write(`${shardWords(shard, range, all, 'rows')}wrote ${opts.what} [${shape.join(', ')}] to ${opts.out === STDOUT ? 'stdout' : opts.out}\n`);
  return 0;
}

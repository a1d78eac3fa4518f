/**
 * What `encode --stream` and `detect --stream` share: the saved model, and
 * the data file read in file order a batch at a time, its named columns
 * matched to the model's (as in memory, feature-columns.ts), the model's
 * saved scaling applied, with memory checked against `--max-memory`. A CSV
 * file's `--label` column comes with each batch, written as the in-memory
 * reader writes it (a whole number without its decimals, any other label
 * trimmed; in memory a file that mixes the two keeps every label as text).
 * NPY and IDX files are read without labels.
 */
import { loadModel, type Autoencoder } from '@hourglass/core';
import { detectFormat, type Scaler } from '@hourglass/data';
import { selectBackend } from '@hourglass/backends';
import { UsageError } from './exit-codes.js';
import { alignColumns } from './feature-columns.js';
import { assertFiniteScaled } from './finite.js';
import type { ModelMetadata } from './model-metadata.js';
import { columnNamer, describeSavedModel, type SavedModelDataFlags } from './saved-run.js';
import { savedScaler } from './scaling.js';
import { bufferRows, rowsPerRead, type StreamFlags } from './stream-plan.js';
import { openStreamFile, type StreamFile } from './stream-source.js';

/** A label cell as the in-memory reader gives it back: a class index without decimals, any other label as written. */
const labelText = (cell: string) => (/^\+?\d+(?:\.0*)?$/.test(cell) && parseFloat(cell) <= 0x7fffffff ? String(parseFloat(cell)) : cell);

/** A saved model and the data file streamed for it. */
export interface ModelAndStream {
  model: Autoencoder;
  scaler?: Scaler;
  metadata: ModelMetadata;
  modelFile: string;
  file: StreamFile;
  /** The data's feature names (a CSV file's header), else the model's. */
  names?: string[];
  /** Names an entry of a sample in messages. */
  column: (entry: number) => string;
  /** Whether batches carry labels (a CSV file with `--label`). */
  labelled: boolean;
  /** The data in batches, scaled for the model; `offset`: the index of the batch's first row. */
  batches(batchSize: number): AsyncGenerator<{ data: { x: Float32Array; n: number; sampleShape: number[]; mask?: Float32Array }; offset: number; labels?: string[] }>;
}

/**
 * Opens the saved model and streams `--data` for it, refusing what a stream cannot do.
 *
 * @example
 * const s = await openModelAndStream({ model: 'run/model', data: 'big.csv', backend: 'auto', stream: true });
 * for await (const { data } of s.batches(512)) await scoreAll(s.model, data);
 * s.model.dispose();
 */
export async function openModelAndStream(opts: SavedModelDataFlags & StreamFlags & { shard?: unknown }, command: string): Promise<ModelAndStream> {
  const refuse = (what: string) => new UsageError(`${command} --stream (or a file larger than a quarter of the memory budget): ${what}`);
  if (opts.shard !== undefined) throw refuse('--shard is not supported: a streamed file is scored by one process, in file order');
  const { metadata, modelFile } = await describeSavedModel(opts);
  if (metadata.recommender) throw refuse(`${opts.model} is a recommender, whose rows are built from a ratings file in memory`);
  if (metadata.series) throw refuse(`${opts.model} was trained on a series (--window), which is windowed in memory`);
  const flags = { ...opts, quiet: true };
  const labelled = opts.label !== undefined && (opts.format ?? detectFormat(opts.data)) === 'csv';
  let file = await openStreamFile(opts.data, flags, undefined, labelled);
  const have = file.source.columns;
  if (metadata.columns && have && opts.columns === undefined && have.join('\u0000') !== metadata.columns.join('\u0000')) {
    // the model's columns by name, in its order; refused as in memory when one is missing
    alignColumns({ name: opts.data, x: new Float32Array(0), n: 0, sampleShape: [have.length], columns: have }, metadata.columns, opts.data);
    file = await openStreamFile(opts.data, { ...flags, columns: metadata.columns.join(',') }, undefined, labelled);
  }
  const names = file.source.columns ?? metadata.columns;
  const column = columnNamer(names);
  // model.json was read and checked above: load the model without a second description
  await selectBackend(opts.backend);
  const model = await loadModel(opts.model);
  const scaler = savedScaler(model.scaling);
  if (model.isConditional) {
    model.dispose();
    throw refuse(`${opts.model} is conditioned on the data's labels, which a stream does not read`);
  }
  const sampleShape = file.source.sampleShape;
  const size = sampleShape.reduce((a, b) => a * b, 1);
  return {
    model,
    ...(scaler ? { scaler } : {}),
    metadata,
    modelFile,
    file,
    ...(names ? { names } : {}),
    column,
    labelled,
    async *batches(batchSize: number) {
      // the callers dispose the model however this ends
      bufferRows(opts, { sampleSize: size, batchSize, parameters: model.parameterCount, baseline: process.memoryUsage().rss }, 0);
      const rows = rowsPerRead(opts, size, batchSize);
      let offset = 0;
      for await (const { x, n, mask, labels } of file.source.batches(rows)) {
        const scaled = scaler ? scaler.transformArray(x, mask) : x;
        if (scaler) assertFiniteScaled(x, scaled, n, scaler, column, opts.data, offset);
        yield { data: { x: scaled, n, sampleShape, ...(mask ? { mask } : {}) }, offset, ...(labels ? { labels: labels.map(labelText) } : {}) };
        offset += n;
      }
    },
  };
}

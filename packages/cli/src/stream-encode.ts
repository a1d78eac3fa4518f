/**
 * `hourglass encode` on a streamed file: codes, reconstructions or scores
 * computed a batch at a time and written as they come (CSV lines appended;
 * NPY rows after a header completed at the end, stream-output.ts), so
 * memory stays bounded whatever the file's size. The output is the one the
 * in-memory command writes, byte for byte (a CSV file's labels first, as
 * stream-scoring.ts reads them).
 */
import { encodeAll, reconstructAll, scoreAll } from '@hourglass/core';
import { assertFiniteOutput } from './finite.js';
import { STDOUT, summaryStream } from './output.js';
import { outputColumns } from './output-columns.js';
import type { Shard } from './shard.js';
import { peakRssMB } from './stream-plan.js';
import { openModelAndStream } from './stream-scoring.js';
import { openStreamWriter, type StreamWriter } from './stream-output.js';
import type { EncodeOptions } from './commands/encode.js';

/**
 * Runs `hourglass encode` on a streamed file; returns the exit code.
 *
 * @example
 * await encodeStream({ model: 'run/model', data: 'big.npy', out: 'codes.npy', what: 'codes', batchSize: 512, backend: 'auto', json: false, stream: true }, 'npy');
 */
export async function encodeStream(opts: EncodeOptions, format: 'csv' | 'npy', shard?: Shard): Promise<number> {
  const s = await openModelAndStream({ ...opts, shard }, 'encode');
  const { model, scaler } = s;
  const shape = opts.what === 'scores' ? [] : opts.what === 'codes' ? model.codeShape : s.file.source.sampleShape;
  const width = shape.reduce((a, b) => a * b, 1);
  let writer: StreamWriter | undefined;
  let rows = 0;
  try {
    const columns = outputColumns(opts.what, width, s.names);
    writer = await openStreamWriter(opts.out, format === 'npy' ? { npy: shape } : { csv: s.labelled ? ['label', ...columns] : columns });
    for await (const { data, offset, labels } of s.batches(opts.batchSize)) {
      let values =
        opts.what === 'scores' ? await scoreAll(model, data, opts.batchSize) : (await (opts.what === 'codes' ? encodeAll : reconstructAll)(model, data, opts.batchSize)).values;
      if (opts.what === 'reconstructions' && scaler) values = scaler.inverseArray(values);
      assertFiniteOutput(values, data.n, opts.what, opts.what === 'reconstructions' ? s.column : (j) => `column ${JSON.stringify(columns[j])}`, s.modelFile, offset);
      const row = (i: number) => Array.from(values.subarray(i * width, (i + 1) * width), String);
      await writer.rows(values, data.n, labels && format === 'csv' ? (i) => [labels[i], ...row(i)] : undefined);
    }
    rows = await writer.finish();
  } catch (e) {
    await writer?.abort();
    throw e;
  } finally {
    model.dispose();
  }
  const summary = { what: opts.what, rows, shape: [rows, ...shape], out: opts.out, scaled: Boolean(scaler), stream: true, peakRssMB: peakRssMB() };
  if (opts.json) summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
  else process.stderr.write(`wrote ${opts.what} [${summary.shape.join(', ')}] to ${opts.out === STDOUT ? 'stdout' : opts.out} as it streamed ${s.file.source.name}\n`);
  return 0;
}

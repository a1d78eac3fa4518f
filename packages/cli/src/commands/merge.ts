/**
 * `hourglass merge`: the outputs of the shards of one command (`--shard
 * 0/n` .. `--shard n-1/n`), given in shard order, joined into the file one
 * process would have written, byte for byte: CSV (merge-csv.ts) or NPY
 * (merge-npy.ts), after checking that the parts fit together. The result is
 * written beside its name and renamed into place.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../exit-codes.js';
import { joinCsvParts, type OutputPart } from '../merge-csv.js';
import { joinNpyParts } from '../merge-npy.js';
import { STDOUT, outputFormat, summaryStream, writeOutput } from '../output.js';

/** Options of `hourglass merge` (already parsed from flags). */
export interface MergeOptions {
  out: string;
  outFormat?: 'csv' | 'npy';
  json: boolean;
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const isNpy = (bytes: Uint8Array) => NPY_MAGIC.every((b, i) => bytes[i] === b);

const readPart = async (file: string): Promise<OutputPart> => ({ file, bytes: await readFile(file) });

/**
 * Runs `hourglass merge`; returns the exit code.
 *
 * @example
 * await mergeCommand(['codes-0.npy', 'codes-1.npy'], { out: 'codes.npy', json: false });
 */
export async function mergeCommand(files: string[], opts: MergeOptions): Promise<number> {
  const format = outputFormat(opts.out, opts.outFormat, ['csv', 'npy']);
  if (!files.length) throw new UsageError('merge: expected the shards\' outputs, in shard order (e.g. hourglass merge --out codes.csv codes-0.csv codes-1.csv)');
  const parts = await Promise.all(files.map(readPart));
  for (const { file, bytes } of parts)
    if (isNpy(bytes) !== (format === 'npy'))
      throw new UsageError(`${file}: the part is ${isNpy(bytes) ? 'NPY' : 'not NPY (CSV)'}, and --out ${opts.out} is ${format.toUpperCase()}: merge the parts of one command into the format they were written in`);
  const { bytes, rows } = format === 'npy' ? joinNpyParts(parts) : joinCsvParts(parts);
  await writeOutput(opts.out, bytes);
  const summary = { format, parts: files.length, rows, out: opts.out };
  if (opts.json) summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
  else process.stderr.write(`merged ${files.length} parts, ${rows} rows, into ${opts.out === STDOUT ? 'stdout' : opts.out}\n`);
  return 0;
}

/**
 * Opening `--data` as a stream: a CSV / TSV (plain or gzip), NPY or IDX file
 * as a batch source, its chunks read in a seeded random order when the file
 * allows it (not gzip), and, unless quiet, a line on stderr every few
 * seconds with the rows and bytes read against the file's size and an ETA.
 */
import { open } from 'node:fs/promises';
import { ConfigError } from '@hourglass/core';
import { csvBatchSource, detectFormat, idxBatchSource, npyBatchSource, type Batch, type FileBatchSource } from '@hourglass/data';
import { readOptions, type DataFlags } from './data.js';
import { clock } from './progress.js';
import { chunkBytes, fileSize, type StreamFlags } from './stream-plan.js';

/** A data file opened as a stream. */
export interface StreamFile {
  /** Batches in chunk order (file order for gzip); `columns`: a CSV file's header names of the features. */
  source: FileBatchSource & { columns?: string[] };
  /** Bytes on disk. */
  bytes: number;
  /** Whether the chunks are visited in a random order (not for gzip). */
  chunked: boolean;
}

const isGzipName = (file: string, head: Uint8Array) => /\.gz$/i.test(file) || (head[0] === 0x1f && head[1] === 0x8b);

/**
 * Opens `file` for streaming with the data flags (CSV columns, label, missing
 * cells); with a `seed`, its chunks are read in a random order (not gzip),
 * without, in file order; with `labels`, a CSV file's batches carry their
 * rows' label cells.
 *
 * @example
 * const { source, chunked } = await openStreamFile('big.npy', { stream: true }, 1);
 */
export async function openStreamFile(file: string, flags: DataFlags & StreamFlags & { quiet?: boolean }, seed?: number, labels = false): Promise<StreamFile> {
  const bytes = fileSize(file);
  if (bytes === undefined) throw new ConfigError(`--stream reads a data file (CSV / TSV, NPY or IDX, gzipped or not); "${file}" is not a file (a built-in dataset or a folder is read in memory)`, { field: 'stream' });
  const format = flags.format ?? detectFormat(file);
  if (format !== 'csv' && format !== 'npy' && format !== 'idx')
    throw new ConfigError(`--stream reads CSV / TSV, NPY or IDX files; ${file} is read as ${format}, which is read in memory`, { field: 'stream' });
  if (flags.window !== undefined) throw new ConfigError('--stream does not apply to series (--window): a series is split by time, in memory', { field: 'stream' });
  const gzip = isGzipName(file, await firstBytes(file));
  const chunks = gzip || seed === undefined ? undefined : { seed, bytes: chunkBytes(flags) };
  const read = readOptions(flags);
  const common = { missing: flags.missing, maxDecompressedBytes: flags.maxDecompressedBytes, chunks };
  const source =
    format === 'csv'
      ? await csvBatchSource(file, { ...common, label: read.label, columns: read.columns, labels })
      : format === 'npy'
        ? await npyBatchSource(file, common)
        : await idxBatchSource(file, common);
  return { source: flags.quiet ? source : withProgress(source, bytes), bytes, chunked: chunks !== undefined };
}

async function firstBytes(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(2);
    await handle.read(head, 0, 2, 0);
    return head;
  } finally {
    await handle.close();
  }
}

/**
 * `source` reporting each pass's progress on `out` every `every` ms (default
 * 5 s): rows and (estimated) bytes read of the file, rows per second and the
 * time left. The rows of a CSV file are known after its first pass.
 *
 * @example
 * const reported = withProgress(await npyBatchSource('big.npy'), 3 * 2 ** 30);
 */
export function withProgress<S extends FileBatchSource>(source: S, bytes: number, every = 5000, out: { write(text: string): unknown } = process.stderr): S {
  let rowsPerPass = source.n;
  const gb = (b: number) => (b / 2 ** 30).toFixed(2);
  return {
    ...source,
    async *batches(batchSize: number): AsyncGenerator<Batch> {
      const start = Date.now();
      let last = start;
      let rows = 0;
      for await (const batch of source.batches(batchSize)) {
        rows += batch.n;
        const now = Date.now();
        if (now - last >= every) {
          last = now;
          const rate = rows / ((now - start) / 1000);
          const of = rowsPerPass ? ` / ${rowsPerPass.toLocaleString('en-US')}` : '';
          const read = rowsPerPass ? `, ${gb((bytes * rows) / rowsPerPass)} / ${gb(bytes)} GB` : `, file ${gb(bytes)} GB`;
          const eta = rowsPerPass ? `, ETA ${clock((rowsPerPass - rows) / rate)}` : '';
          out.write(`  reading ${source.name}: ${rows.toLocaleString('en-US')}${of} rows${read}, ${Math.round(rate).toLocaleString('en-US')} rows/s${eta}\n`);
        }
        yield batch;
      }
      rowsPerPass = rows;
    },
  };
}

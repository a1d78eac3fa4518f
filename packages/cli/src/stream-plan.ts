/**
 * When a command streams its data file instead of reading it whole, and how
 * much memory the stream may take. `--stream` always streams; without it a
 * file streams when it is larger than a quarter of the memory budget (a
 * gzipped file counted at four times its size), the budget being
 * `--max-memory` or the free memory. With `--max-memory MB` the process's
 * resident memory is planned under that bound: what it uses before reading
 * (the runtime and backend), the model (weights, gradients and two optimiser
 * moments), a batch's tensors, a file chunk read at a time, and the rest for
 * the shuffle buffer, which must hold at least a batch; when that does not fit
 * the command refuses, naming what is needed.
 */
import { freemem } from 'node:os';
import { statSync } from 'node:fs';
import { ConfigError } from '@hourglass/core';
import { DEFAULT_CHUNK_BYTES } from '@hourglass/data';

/** The flags of streaming. */
export interface StreamFlags {
  /** Stream the file whatever its size. */
  stream?: boolean;
  /** Bound on the process's resident memory, in MB. */
  maxMemory?: number;
}

const MB = 1 << 20;
/** The backend's working memory beyond what it holds when the model is built. */
const RUNTIME = 128 * MB;

/** The memory budget in bytes: `--max-memory`, else the free memory. */
const budgetOf = (flags: StreamFlags) => (flags.maxMemory ?? freemem() / MB) * MB;

/** The size of `file` in bytes, or undefined when it is no regular file (a dataset name, a folder). */
export function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `--data` is streamed: always with `--stream`, else when the file is
 * larger than a quarter of the memory budget.
 *
 * @example
 * streams('big.npy', { maxMemory: 1024 }); // true for a file over 256 MB
 */
export function streams(file: string, flags: StreamFlags): boolean {
  if (flags.stream) return true;
  const size = fileSize(file);
  if (size === undefined) return false;
  return (/\.gz$/i.test(file) ? 4 * size : size) > budgetOf(flags) / 4;
}

/** Bytes per file chunk: a sixteenth of the budget, at most the default 4 MiB, at least 64 KiB. */
export function chunkBytes(flags: StreamFlags): number {
  return Math.max(64 << 10, Math.min(DEFAULT_CHUNK_BYTES, Math.floor(budgetOf(flags) / 16)));
}

/**
 * Rows of `sampleSize` float32 values to read at a time: a chunk's worth
 * (so wide rows do not make large reads), at most `cap`, at least 1.
 *
 * @example
 * rowsPerRead({ maxMemory: 1024 }, 784, 4096); // 1337: 4 MiB chunks of 784 float32 values a row
 */
export function rowsPerRead(flags: StreamFlags, sampleSize: number, cap: number): number {
  return Math.max(1, Math.min(cap, Math.floor(chunkBytes(flags) / (4 * sampleSize))));
}

/** What the memory of a streamed training run is made of. */
export interface MemoryNeeds {
  /** Values per sample. */
  sampleSize: number;
  batchSize: number;
  parameters: number;
  /** Resident bytes before any data is read (runtime, backend, model). */
  baseline: number;
}

/** A row held in the shuffle buffer: its values and the typed array around them. */
const rowBytes = (sampleSize: number) => 4 * sampleSize + 200;

/**
 * The shuffle buffer's rows under the memory bound (without `--max-memory`:
 * a quarter of the free memory, at most a million rows); refuses when
 * `minRows` rows (default a batch; 0 when scoring, which has no buffer) do
 * not fit beside the model, naming the memory needed.
 *
 * @example
 * bufferRows({ maxMemory: 1024 }, { sampleSize: 784, batchSize: 256, parameters: 1e5, baseline: 300 * 2 ** 20 }); // about 70,000
 */
export function bufferRows(flags: StreamFlags, needs: MemoryNeeds, minRows = needs.batchSize): number {
  const row = rowBytes(needs.sampleSize);
  if (flags.maxMemory === undefined) return Math.max(needs.batchSize, Math.min(1_000_000, Math.floor(freemem() / 4 / row)));
  // weights, gradients, two optimiser moments; a batch's tensors about 8 times its values; chunk bytes and their floats;
  // the backend's working memory, which grows in the first steps (measured about 100 MB with tfjs-node)
  const model = 16 * needs.parameters;
  const batch = 8 * 4 * needs.batchSize * needs.sampleSize;
  const chunk = 5 * chunkBytes(flags);
  const fixed = needs.baseline + model + batch + chunk + RUNTIME;
  // a third of the rest: rows in flight and garbage not yet collected take the other two (measured: about 3 times the buffer)
  const rows = Math.floor((flags.maxMemory * MB - fixed) / 3 / row);
  if (rows < minRows || rows < 0) {
    const need = Math.ceil((fixed + 3 * minRows * row) / MB);
    const mb = (b: number) => `${Math.ceil(b / MB)} MB`;
    const buffer = minRows > 0 ? `, and the shuffle buffer needs at least a batch of rows (${mb(3 * minRows * row)})` : '';
    throw new ConfigError(
      `--max-memory ${flags.maxMemory} is too small for this run: the process uses ${mb(needs.baseline)} before reading data, the backend's working memory ${mb(RUNTIME)}, the model ${mb(model)}, a batch of ${needs.batchSize} ${mb(batch)}, file chunks ${mb(chunk)}${buffer}; give --max-memory ${need} or more, or a smaller --batch-size`,
      { field: 'max-memory' },
    );
  }
  return rows;
}

/**
 * The peak resident memory of this process so far, in MB.
 *
 * @example
 * peakRssMB(); // e.g. 412.3
 */
export function peakRssMB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

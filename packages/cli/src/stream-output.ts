/**
 * Writing a result as it is computed, for data streamed from a file: CSV
 * lines appended, or NPY rows after a header whose row count is patched in
 * at the end. Like every output (output.ts), a file is written beside its
 * final name and renamed into place only when complete, so a crash leaves
 * no half file under that name; `--out -` writes to stdout as it goes.
 * Writes are gathered into pieces of about 1 MB.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { encodeNpyHeader } from '@hourglass/data';
import { HourglassError } from '@hourglass/errors';
import { csvText } from './csv-out.js';
import { UsageError } from './exit-codes.js';
import { outputError, STDOUT, toStdout } from './output.js';

const PIECE = 1 << 20;
/** Rows the NPY header is first written for: its length for any real count (the count is patched in at the end). */
const MANY = 1e12;

/** A result written as it goes. */
export interface StreamWriter {
  /** Appends `n` rows of `values` (CSV: `cells(i)` gives row i's cells). */
  rows(values: Float32Array, n: number, cells?: (i: number) => string[]): Promise<void>;
  /** Completes the file and moves it into place; returns the rows written. */
  finish(): Promise<number>;
  /** Removes the unfinished file. */
  abort(): Promise<void>;
}

/** `e` as the error of writing `path` (one already ours as it is). */
const asOutputError = (path: string, e: unknown) => (e instanceof HourglassError ? e : outputError(path, e));

/**
 * Opens `path` (or stdout for `-`) for a CSV under `header` (none: a header-less CSV) or an NPY of rows of `sampleShape`.
 *
 * @example
 * const out = await openStreamWriter('scores.csv', { csv: ['score'] });
 * await out.rows(scores, scores.length);
 * await out.finish();
 */
export async function openStreamWriter(path: string, kind: { csv: string[] } | { npy: number[] }): Promise<StreamWriter> {
  if ('npy' in kind && path === STDOUT)
    throw new UsageError('an NPY result written as it goes needs a file (its header is completed at the end); give --out a .npy file, or write CSV to stdout');
  const temp = `${path}.tmp-${process.pid}`;
  let handle: FileHandle | undefined;
  try {
    if (path !== STDOUT) handle = await open(temp, 'w');
  } catch (e) {
    throw asOutputError(path, e);
  }
  const npy = 'npy' in kind ? kind.npy : undefined;
  const width = npy ? npy.reduce((a, b) => a * b, 1) : 0;
  const headerBytes = npy ? encodeNpyHeader('<f4', [MANY, ...npy]).length : 0;
  let pending: (string | Uint8Array)[] = [];
  let pendingBytes = 0;
  let position = headerBytes;
  let count = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const data = typeof pending[0] === 'string' ? Buffer.from(pending.join('')) : Buffer.concat(pending as Uint8Array[]);
    pending = [];
    pendingBytes = 0;
    if (!handle) return toStdout(data);
    await handle.write(data, 0, data.length, position);
    position += data.length;
  };
  const add = async (piece: string | Uint8Array) => {
    pending.push(piece);
    pendingBytes += piece.length;
    if (pendingBytes >= PIECE) await flush();
  };
  const guard = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } catch (e) {
      await writer.abort();
      throw asOutputError(path, e);
    }
  };
  const writer: StreamWriter = {
    rows: (values, n, cells) =>
      guard(async () => {
        if (npy) {
          await add(new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + n * width * 4)));
        } else {
          const per = values.length / n;
          await add(csvText(undefined, n, cells ?? ((i) => Array.from(values.subarray(i * per, (i + 1) * per), String))));
        }
        count += n;
      }),
    finish: () =>
      guard(async () => {
        await flush();
        if (handle) {
          if (npy) await writeNpyHeader(handle, npy, count, headerBytes, position, temp);
          await handle.close();
          handle = undefined;
          await rename(temp, path);
        }
        return count;
      }),
    abort: async () => {
      await handle?.close().catch(() => {});
      handle = undefined;
      if (path !== STDOUT) await rm(temp, { force: true });
    },
  };
  if ('csv' in kind && kind.csv.length) await add(csvText(kind.csv, 0, () => []));
  return writer;
}

/**
 * Puts the header of `count` rows before the data: in place when it has the
 * length reserved (any count up to 10^12 for the usual shapes), else by
 * moving the data after a header of the right length.
 */
async function writeNpyHeader(handle: FileHandle, sampleShape: number[], count: number, reserved: number, end: number, temp: string): Promise<void> {
  const header = encodeNpyHeader('<f4', [count, ...sampleShape]);
  if (header.length === reserved) {
    await handle.write(header, 0, header.length, 0);
    return;
  }
  const moved = await open(`${temp}.move`, 'w');
  try {
    await moved.write(header, 0, header.length, 0);
    const buf = Buffer.alloc(PIECE);
    for (let from = reserved, to = header.length; from < end; ) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(PIECE, end - from), from);
      await moved.write(buf, 0, bytesRead, to);
      from += bytesRead;
      to += bytesRead;
    }
  } finally {
    await moved.close();
  }
  await rename(`${temp}.move`, temp);
}

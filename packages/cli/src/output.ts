/**
 * Writing a command's result: to a file, or with `--out -` to stdout, so
 * that results can be piped (`hourglass encode ... --out - | head`). A
 * closed pipe (EPIPE, the reader stopped early) is not an error. A file is
 * written beside its final name and renamed into place, so a crash or a full
 * disk never leaves half a result under that name.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { describeSystemError, HourglassError } from '@hourglass/errors';
import { UsageError } from './exit-codes.js';

/** The `--out` value that means stdout. */
export const STDOUT = '-';

/**
 * Writes `data` to stdout, waiting until it is taken; a closed pipe is no error.
 *
 * @example
 * await toStdout('score\n0.5\n');
 */
export function toStdout(data: string | Uint8Array): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? done() : fail(e));
    process.stdout.once('error', onError);
    process.stdout.write(data, (e) => {
      process.stdout.off('error', onError);
      if (e && (e as NodeJS.ErrnoException).code !== 'EPIPE') fail(e);
      else done();
    });
  });
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/**
 * Writes `data` to the file `path`, or to stdout when `path` is `-`.
 *
 * @example
 * await writeOutput(opts.out, csvText); // `--out -` prints it
 */
export async function writeOutput(path: string, data: string | Uint8Array): Promise<void> {
  try {
    if (path === STDOUT) await toStdout(data);
    else await writeAtomically(path, data);
  } catch (e) {
    throw outputError(path, e);
  }
}

/**
 * The error of writing to `path` (`-`: stdout) failing with `e`.
 *
 * @example
 * throw outputError('scores.csv', e); // 'scores.csv: cannot write: ' and what the system said
 */
export function outputError(path: string, e: unknown): HourglassError {
  return new HourglassError(`${path === STDOUT ? 'stdout' : path}: cannot write: ${describeSystemError(e)}`, { code: 'OUTPUT', file: path, cause: e });
}

/**
 * Where a command's summary goes: stdout, unless the data itself goes there
 * (`--out -`); then stderr, so that stdout holds the data alone.
 *
 * @example
 * summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
 */
export function summaryStream(out: string | undefined): NodeJS.WriteStream {
  return out === STDOUT ? process.stderr : process.stdout;
}

/**
 * The format of `--out`: `--out-format` when given, else the file's
 * extension; stdout (`-`) defaults to the first text format, CSV.
 *
 * @example
 * outputFormat('codes.npy', undefined, ['npy', 'csv']); // 'npy'
 */
export function outputFormat<F extends string>(out: string, given: F | undefined, formats: readonly F[]): F {
  if (given) return given;
  if (out === STDOUT) return formats.includes('csv' as F) ? ('csv' as F) : formats[0];
  const found = formats.find((f) => out.toLowerCase().endsWith(`.${f}`));
  if (!found) throw new UsageError(`--out ${out}: expected a file ending in ${formats.map((f) => `.${f}`).join(' or ')}`, ['or give ', { option: 'outFormat', value: formats.join('|') }]);
  return found;
}

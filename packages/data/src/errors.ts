/**
 * One error type for every kind of bad input.
 *
 * Readers never let a parser's own exception (zlib, pngjs, a RangeError from a
 * typed array) escape: they throw a DataError that says where the problem is
 * (file, line or sample, column, byte offset) and what was expected there, so a
 * CLI can print `error.message` and stop without a stack trace. DataError is a
 * branded `HourglassError` of `@hourglass/errors` with the code `DATA`.
 */
import { HourglassError, type Hint } from '@hourglass/errors';

export type { Hint } from '@hourglass/errors';

/** Where a problem was found. Text formats use `line`, binary formats `sample` and `offset`. */
export interface DataErrorLocation {
  /** The file (or folder) being read, as the caller named it. */
  file?: string;
  /** 1-based line number in a text file. */
  line?: number;
  /** 0-based sample (row) index in a binary file or in a decoded array. */
  sample?: number;
  /** A header name, or a 1-based column number. */
  column?: number | string;
  /** 0-based byte offset in the (decompressed) file. */
  offset?: number;
  /** The underlying error, when one library or system call failed. */
  cause?: unknown;
  /** What to do, with option names kept structured (rendered after the problem). */
  hint?: Hint;
}

/**
 * Bad input data, a missing dataset package, or an invalid option. The message
 * starts with the location, e.g. `data.csv, line 7, column "age": expected a number, found "n/a"`.
 *
 * @example
 * try { readCsv('data.csv'); }
 * catch (e) { if (e instanceof DataError) console.error(e.message, e.row, e.column); }
 */
export class DataError extends HourglassError {
  /** The 0-based byte offset in the (decompressed) file. */
  offset?: number;
  /** The problem without the location prefix and the hint. */
  readonly reason: string;

  constructor(reason: string, where: DataErrorLocation = {}) {
    super(formatLocation(where) + reason, {
      code: 'DATA',
      file: where.file,
      row: where.line ?? where.sample,
      column: where.column,
      hint: where.hint,
      cause: where.cause,
    });
    this.name = 'DataError';
    this.reason = reason;
    if (where.offset !== undefined) this.offset = where.offset;
  }
}

function formatLocation(where: DataErrorLocation): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(where.file);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.sample !== undefined) parts.push(`sample ${where.sample}`);
  if (where.column !== undefined) {
    parts.push(typeof where.column === 'string' ? `column "${where.column}"` : `column ${where.column}`);
  }
  if (where.offset !== undefined) parts.push(`byte offset ${where.offset}`);
  return parts.length ? parts.join(', ') + ': ' : '';
}

/** Re-throws anything that is not already a DataError as one, keeping it as the cause. */
export function asDataError(error: unknown, reason: string, where: DataErrorLocation = {}): DataError {
  if (error instanceof DataError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new DataError(`${reason} (${detail})`, { ...where, cause: error });
}

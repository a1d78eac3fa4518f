/**
 * The brand every deliberate Hourglass error carries. Packages are installed
 * side by side and may be loaded twice (an ESM and a CJS copy, two versions),
 * so `instanceof` cannot recognise them; the brand is a registered symbol
 * (`Symbol.for`), the same in every copy, and {@link isHourglassError} checks
 * it. Each error has a stable `code`, where known the file, row, column or
 * field, and an optional structured hint (see hint.ts).
 */
import { renderHint, type Hint } from './hint.js';

/** The registered symbol that brands Hourglass errors, in every copy of every package. */
export const HOURGLASS_ERROR: unique symbol = Symbol.for('hourglass.error') as never;

/**
 * Stable machine-readable error codes. Packages may add their own (a string),
 * but these are the ones Hourglass uses.
 *
 * @example
 * const code: ErrorCode = 'DATA';
 */
export type ErrorCode =
  | 'ERROR'
  | 'USAGE'
  | 'CONFIG'
  | 'SHAPE'
  | 'MODEL_FILE'
  | 'DATA'
  | 'DATA_VALUE'
  | 'DIVERGED'
  | 'BACKEND'
  | 'NOT_INSTALLED'
  | 'LOAD_FAILED'
  | 'BACKEND_NOT_ACTIVE'
  | 'LOCKED'
  | 'OUTPUT'
  | (string & {});

/**
 * What an error knows besides its message.
 *
 * @example
 * const d: ErrorDetails = { code: 'DATA', file: 'a.csv', row: 7, column: 'age' };
 */
export interface ErrorDetails {
  /** The stable code; subclasses fix their own. */
  code?: ErrorCode;
  /** The file or folder concerned, as the caller named it. */
  file?: string;
  /** The row: a 1-based line of a text file or a 0-based sample index. */
  row?: number;
  /** A header name or a 1-based column number. */
  column?: number | string;
  /** An option or record field, e.g. `undercomplete.latent`. */
  field?: string;
  /** What to do, with option names kept structured. */
  hint?: Hint;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Base class of every deliberate Hourglass error. The message is the problem
 * followed by the hint rendered in API syntax; `problem` is the message
 * without the hint, so that a tool can render the hint its own way.
 *
 * @example
 * throw new HourglassError('no rows', { code: 'DATA', file: 'a.csv', hint: ['pass ', { option: 'missing', value: 'mask' }] });
 */
export class HourglassError extends Error {
  /** A stable machine-readable code. */
  readonly code: ErrorCode;
  /** The message without the hint. */
  readonly problem: string;
  /** What to do, with option names kept structured. */
  readonly hint?: Hint;
  /** The file or folder concerned. */
  file?: string;
  /** A 1-based line of a text file, or a 0-based sample index. */
  row?: number;
  /** A header name or a 1-based column number. */
  column?: number | string;
  /** An option or record field, e.g. `undercomplete.latent`. */
  field?: string;

  constructor(message: string, details: ErrorDetails = {}) {
    super(details.hint ? `${message}; ${renderHint(details.hint)}` : message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code ?? 'ERROR';
    this.problem = message;
    if (details.hint) this.hint = details.hint;
    if (details.file !== undefined) this.file = details.file;
    if (details.row !== undefined) this.row = details.row;
    if (details.column !== undefined) this.column = details.column;
    if (details.field !== undefined) this.field = details.field;
  }

  /** Every Hourglass error, from any copy of any package, is an instance. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return this === HourglassError ? isHourglassError(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
}
Object.defineProperty(HourglassError.prototype, HOURGLASS_ERROR, { value: true });

/**
 * True for an error thrown on purpose by any Hourglass package, whichever
 * copy (ESM, CJS, another version) created it.
 *
 * @example
 * try { await run(); } catch (e) { if (isHourglassError(e)) console.error(e.code, e.message); else throw e; }
 */
export function isHourglassError(value: unknown): value is HourglassError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[HOURGLASS_ERROR] === true;
}

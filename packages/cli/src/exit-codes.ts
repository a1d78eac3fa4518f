/**
 * Exit codes, as Unix tools use them: 0 success, 1 a failure (bad data, an
 * unreadable model, a run directory in use), 2 a usage error (an unknown or
 * malformed flag, a flag value or combination the command cannot use), 130
 * interrupted by Ctrl-C (128 + SIGINT), after saving what there was to save.
 */
import { HourglassError, type Hint } from '@hourglass/errors';

/** The exit codes of `hourglass`. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/**
 * A flag, flag value or flag combination the command cannot use. Code `USAGE`, exit code 2.
 *
 * @example
 * throw new UsageError('--json cannot be combined with --out - (both write to stdout)');
 */
export class UsageError extends HourglassError {
  constructor(message: string, hint?: Hint) {
    super(message, { code: 'USAGE', hint });
    this.name = 'UsageError';
  }
}

/** Codes of errors that mean the command line asked for something invalid. */
const USAGE_CODES = new Set(['USAGE', 'CONFIG']);

/**
 * The exit code for a deliberate error: 2 when the command line was wrong
 * (an invalid option value or combination), 1 otherwise.
 *
 * @example
 * exitCodeOf(new UsageError('--out: missing')); // 2
 */
export function exitCodeOf(error: HourglassError): number {
  return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.failure;
}

/**
 * Error types. Every error Hourglass throws on purpose is a `HourglassError`
 * (the branded base of `@hourglass/errors`, recognised across packages and
 * module copies by `isHourglassError`), with a subclass and a stable `code`
 * that say which kind of input was wrong, so callers (and the CLI) can tell
 * bad input apart from bugs.
 */
import { HourglassError, type ErrorCode, type ErrorDetails } from '@hourglass/errors';

export { HourglassError, isHourglassError } from '@hourglass/errors';
export type { ErrorCode, ErrorDetails, Hint, OptionRef } from '@hourglass/errors';

/** Details of a subclass, whose code is fixed. */
type Details = Omit<ErrorDetails, 'code'>;

/** A HourglassError base whose subclasses all have the code `code`. */
function withCode(code: ErrorCode) {
  return class extends HourglassError {
    constructor(message: string, details: Details = {}) {
      super(message, { ...details, code });
    }
  };
}

/**
 * A variant, layer or trainer option is unknown, of the wrong type or out of range. Code `CONFIG`.
 *
 * @example
 * throw new ConfigError('undercomplete.latent: expected an integer >= 1, got 0', { field: 'undercomplete.latent' });
 */
export class ConfigError extends withCode('CONFIG') {}

/**
 * Layer shapes do not fit together, or data does not have the model's input shape. Code `SHAPE`.
 *
 * @example
 * throw new ShapeError('data has samples of shape [3], the model expects [784]');
 */
export class ShapeError extends withCode('SHAPE') {}

/**
 * A saved model is missing, truncated, tampered with or otherwise unreadable. Code `MODEL_FILE`.
 *
 * @example
 * throw new ModelFileError('checksum mismatch', 'model/weights.bin');
 */
export class ModelFileError extends HourglassError {
  constructor(message: string, file?: string, details: Details = {}) {
    super(file ? `${file}: ${message}` : message, { ...details, code: 'MODEL_FILE', file });
  }
}

/**
 * Training data contains NaN or Inf, or is otherwise unusable. Code `DATA_VALUE`.
 *
 * @example
 * throw new DataValueError('train: sample 3, entry 7 is NaN; data must be finite');
 */
export class DataValueError extends withCode('DATA_VALUE') {}

/**
 * Training diverged (NaN or Inf) before any epoch ended with finite weights; the model keeps the weights it started with. Code `DIVERGED`.
 *
 * @example
 * throw new DivergedError('loss is NaN at epoch 3', { hint: ['lower ', { option: 'learningRate' }] });
 */
export class DivergedError extends withCode('DIVERGED') {}

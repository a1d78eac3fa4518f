/**
 * Error types. Every error Hourglass throws on purpose is a `HourglassError`,
 * with a subclass that says which kind of input was wrong, so callers (and
 * the CLI) can tell bad input apart from bugs.
 */

/** Base class of every deliberate Hourglass error. */
export class HourglassError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A variant, layer or trainer option is unknown, of the wrong type or out of range. */
export class ConfigError extends HourglassError {}

/** Layer shapes do not fit together, or data does not have the model's input shape. */
export class ShapeError extends HourglassError {}

/** A saved model is missing, truncated, tampered with or otherwise unreadable. */
export class ModelFileError extends HourglassError {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

/** Training data contains NaN or Inf, or is otherwise unusable. */
export class DataValueError extends HourglassError {}

/** Training diverged (NaN or Inf) before any epoch ended with finite weights; the model keeps the weights it started with. */
export class DivergedError extends HourglassError {}

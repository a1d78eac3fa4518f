/**
 * @hourglass/errors: the base class, brand and guard every Hourglass package
 * throws with, and structured hints. No dependencies, no tfjs.
 */
export { HOURGLASS_ERROR, HourglassError, isHourglassError, type ErrorCode, type ErrorDetails } from './hourglass-error.js';
export { apiStyle, renderHint, type Hint, type HintStyle, type OptionRef } from './hint.js';
export { describeSystemError, errnoCode } from './system-error.js';

/**
 * From window scores back to time steps. A model scores windows (one error
 * per window, or one per step of each window); a step covered by several
 * overlapping windows gets the mean, the max or the min of what those windows
 * say about it. 'min' flags a step only when every window over it is flagged
 * (the rule of the Keras timeseries anomaly example); 'max' when any is.
 */
import { DataError } from '../errors.js';

/** How the scores of the windows over one step are combined. */
export type StepAggregation = 'mean' | 'max' | 'min';

/**
 * One score per step of a series of `length` steps, from window scores
 * (`n` values) or per-step errors (`[n, window]` values) of windows starting
 * at `starts`. Steps no window covers get NaN.
 *
 * @example
 * stepScores([1, 3], [0, 1], 2, 4); // Float32Array [1, 2, 3, NaN]
 * stepScores([1, 3], [0, 1], 2, 4, 'max'); // Float32Array [1, 3, 3, NaN]
 */
export function stepScores(
  scores: ArrayLike<number>,
  starts: ArrayLike<number>,
  window: number,
  length: number,
  how: StepAggregation = 'mean',
): Float32Array {
  const n = starts.length;
  if (!Number.isInteger(window) || window < 1) throw new DataError(`window must be an integer >= 1, got ${window}`);
  if (!Number.isInteger(length) || length < 0) throw new DataError(`length must be a whole number of steps, got ${length}`);
  if (how !== 'mean' && how !== 'max' && how !== 'min') throw new DataError(`how must be 'mean', 'max' or 'min', got ${JSON.stringify(how)}`);
  const perStep = scores.length === n * window;
  if (!perStep && scores.length !== n) {
    throw new DataError(
      `expected one score per window (${n}) or one per step of each window (${n} x ${window} = ${n * window}), got ${scores.length} scores`,
    );
  }
  const acc = new Float64Array(length).fill(how === 'max' ? -Infinity : how === 'min' ? Infinity : 0);
  const count = new Int32Array(length);
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    if (!Number.isInteger(s) || s < 0 || s + window > length) {
      throw new DataError(`window ${i} covers steps [${s}, ${s + window}), outside the series' ${length} steps`, { sample: i });
    }
    for (let j = 0; j < window; j++) {
      const v = perStep ? scores[i * window + j] : scores[i];
      const t = s + j;
      acc[t] = how === 'mean' ? acc[t] + v : how === 'max' ? Math.max(acc[t], v) : Math.min(acc[t], v);
      count[t]++;
    }
  }
  return Float32Array.from(acc, (a, t) => (count[t] === 0 ? NaN : how === 'mean' ? a / count[t] : a));
}

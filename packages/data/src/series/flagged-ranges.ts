/** Runs of flagged steps as ranges, the form anomalies are reported and drawn in. */
import type { StepRange } from './split-series.js';

/**
 * The maximal runs of flagged (true, or a non-zero number) steps, as [from, to) ranges.
 *
 * @example
 * flaggedRanges([0, 1, 1, 0, 1]); // [[1, 3], [4, 5]]
 * const ranges = flaggedRanges(Array.from(stepScores(errors, windows.starts, 48, steps), (s) => s > threshold));
 */
export function flaggedRanges(flags: ArrayLike<boolean | number>): StepRange[] {
  const ranges: StepRange[] = [];
  let from = -1;
  for (let t = 0; t <= flags.length; t++) {
    const on = t < flags.length && Boolean(flags[t]);
    if (on && from < 0) from = t;
    if (!on && from >= 0) {
      ranges.push([from, t]);
      from = -1;
    }
  }
  return ranges;
}

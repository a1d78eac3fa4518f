import { describe, expect, it } from 'vitest';
import { flaggedRanges, stepScores } from '../src/index.js';
import { expectDataError } from './helpers.js';

describe('stepScores', () => {
  it('spreads window scores over the steps they cover: mean, max or min, NaN where no window is', () => {
    expect(Array.from(stepScores([1, 3], [0, 1], 2, 4))).toEqual([1, 2, 3, NaN]);
    expect(Array.from(stepScores([1, 3], [0, 1], 2, 4, 'max'))).toEqual([1, 3, 3, NaN]);
    expect(Array.from(stepScores([1, 3], [0, 1], 2, 4, 'min'))).toEqual([1, 1, 3, NaN]);
  });

  it('places per-step errors [n, window] at their own steps', () => {
    // window 0 covers 0..2 with errors 1,2,3; window 1 covers 2..4 with errors 5,6,7
    expect(Array.from(stepScores([1, 2, 3, 5, 6, 7], [0, 2], 3, 5))).toEqual([1, 2, 4, 6, 7]);
  });

  it('rejects scores of another count and windows outside the series', () => {
    expectDataError(() => stepScores([1, 2, 3], [0, 1], 2, 4), { message: /one score per window \(2\) or one per step of each window \(2 x 2 = 4\), got 3/ });
    expectDataError(() => stepScores([1], [3], 2, 4), { row: 0, message: /covers steps \[3, 5\), outside the series' 4 steps/ });
    expectDataError(() => stepScores([1], [0], 2, 4, 'median' as 'mean'), { message: /how must be/ });
  });
});

describe('flaggedRanges', () => {
  it('gives the runs of flagged steps as [from, to)', () => {
    expect(flaggedRanges([0, 1, 1, 0, 1])).toEqual([[1, 3], [4, 5]]);
    expect(flaggedRanges([true, true])).toEqual([[0, 2]]);
    expect(flaggedRanges([false, NaN, 0])).toEqual([]);
    expect(flaggedRanges([])).toEqual([]);
  });
});

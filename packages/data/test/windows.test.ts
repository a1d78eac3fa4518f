import { describe, expect, it } from 'vitest';
import { createDataset, slidingWindows, splitDataset } from '../src/index.js';
import { expectDataError } from './helpers.js';

describe('slidingWindows', () => {
  it('cuts a univariate series into windows with next-step targets', () => {
    const w = slidingWindows([1, 2, 3, 4, 5, 6], { window: 3, horizon: 1 });
    expect(w.n).toBe(3);
    expect(w.sampleShape).toEqual([3, 1]);
    expect(Array.from(w.x)).toEqual([1, 2, 3, 2, 3, 4, 3, 4, 5]);
    expect(Array.from(w.y!)).toEqual([4, 5, 6]);
    expect(w.targetShape).toEqual([1, 1]);
    expect(Array.from(w.starts)).toEqual([0, 1, 2]);
  });

  it('handles several features, a stride, labels (max over the window) and masks', () => {
    const series = createDataset({
      name: 's', sampleShape: [2], columns: ['t', 'h'],
      x: Float32Array.from({ length: 20 }, (_, i) => i),
      labels: Int32Array.from([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
      mask: new Float32Array(20).fill(1),
    });
    const w = slidingWindows(series, { window: 4, stride: 3 });
    expect(w.n).toBe(3); // starts 0, 3, 6
    expect(w.sampleShape).toEqual([4, 2]);
    expect(Array.from(w.x.subarray(8, 16))).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
    expect(Array.from(w.labels!)).toEqual([1, 1, 0]);
    expect(w.columns).toEqual(['t', 'h']);
    expect(w.mask!.length).toBe(w.x.length);
    expect(w.y).toBeUndefined();
    // splits carry windows' starts and targets along
    const t = slidingWindows(series, { window: 2, horizon: 2 });
    const { test } = splitDataset(t, { test: 2, seed: 0, shuffle: false });
    expect(Array.from(test.starts)).toEqual([5, 6]);
    expect(Array.from(test.y!.subarray(0, 4))).toEqual([14, 15, 16, 17]);
  });

  it('rejects a series shorter than window + horizon and bad options', () => {
    expectDataError(() => slidingWindows([1, 2, 3], { window: 3, horizon: 1 }), { message: /3 steps, fewer than window 3 \+ horizon 1/ });
    expectDataError(() => slidingWindows([1, 2, 3], { window: 0 }), { message: /window must be an integer >= 1/ });
    expectDataError(() => slidingWindows([1, 2, 3], { window: 2, stride: 1.5 }), { message: /stride/ });
    expectDataError(() => slidingWindows([[1, 2], [3]], { window: 1 }), { row: 1, message: /step 1 has 1 features, expected 2/ });
    expectDataError(() => slidingWindows([1, NaN], { window: 1 }), { row: 1, message: /found NaN/ });
  });
});

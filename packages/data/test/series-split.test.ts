import { describe, expect, it } from 'vitest';
import { createDataset, selectRows, splitSeries, windowSeries, type ArrayDataset } from '../src/index.js';
import { expectDataError } from './helpers.js';

/** A series of `steps` steps whose value at step t, feature f is 100 * seed + 10 * t + f. */
function series(name: string, steps: number, features = 1, seed = 0): ArrayDataset {
  const x = Float32Array.from({ length: steps * features }, (_, i) => 100 * seed + 10 * Math.floor(i / features) + (i % features));
  return createDataset({ name, x, sampleShape: [features] });
}

describe('splitSeries', () => {
  it('cuts contiguous train, validation and test ranges in time order', () => {
    const s = series('load', 100, 2);
    const { train, validation, test, ranges } = splitSeries(s, { test: 0.2, validation: 0.1 });
    expect(ranges).toEqual([{ train: [0, 70], validation: [70, 80], test: [80, 100] }]);
    expect([train[0].n, validation![0].n, test[0].n]).toEqual([70, 10, 20]);
    expect(Array.from(validation![0].x.subarray(0, 2))).toEqual([700, 701]);
    expect(test[0].offset).toBe(80);
    expect(test[0].seriesIndex).toBe(0);
    expect(test[0].name).toBe('load/test');
    expect(test[0].sampleShape).toEqual([2]);
  });

  it('takes step counts, and no validation part unless asked', () => {
    const { validation, ranges } = splitSeries([series('a', 50), series('b', 30, 1, 1)], { test: 10 });
    expect(validation).toBeUndefined();
    expect(ranges).toEqual([{ train: [0, 40], test: [40, 50] }, { train: [0, 20], test: [20, 30] }]);
  });

  it('keeps step labels and masks with their steps', () => {
    const s = createDataset({
      name: 's', sampleShape: [1], x: new Float32Array(10),
      labels: Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 0]), mask: Float32Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
    });
    const { test } = splitSeries(s, { test: 3 });
    expect(Array.from(test[0].labels!)).toEqual([0, 1, 0]);
    expect(Array.from(test[0].mask!)).toEqual([1, 1, 0]);
  });

  it('names the series and the part that is too short for window + horizon', () => {
    expectDataError(() => splitSeries([series('long', 200), series('short.csv', 40)], { test: 0.2, window: 6, horizon: 3 }), {
      message: /short\.csv: the test part has 8 of the series' 40 steps, fewer than window 6 \+ horizon 3 = 9/,
    });
    expectDataError(() => splitSeries(series('s', 20), { test: 0.5, validation: 0.4, window: 3 }), { message: /s: the train part has 2/ });
    expectDataError(() => splitSeries(series('s', 20), { validation: 0.5, test: 0.5 }), { message: /s: the train part has 0/ });
    expectDataError(() => splitSeries(series('s', 20), { test: 20 }), { message: /test asks for 20 steps but the series has only 20/ });
    expectDataError(() => splitSeries(series('s', 20), { test: 1.5 }), { message: /test must be a fraction/ });
  });

  it('refuses series of windows or with different features', () => {
    expectDataError(() => splitSeries(createDataset({ name: 'w', x: new Float32Array(8), sampleShape: [4, 1] })), {
      message: /w: a series has one sample per time step/,
    });
    expectDataError(() => splitSeries([series('a', 10), series('b', 10, 2)]), { message: /b: has 2 features per step, but a has 1/ });
  });
});

describe('windowSeries', () => {
  it('cuts windows inside each part, with targets, starts in the series and the series index', () => {
    const { train, test } = splitSeries([series('a', 20), series('b', 15, 1, 1)], { test: 5 });
    const w = windowSeries(test, { window: 3, horizon: 1 });
    // a/test: steps 15..19 -> starts 15, 16; b/test: steps 10..14 -> starts 10, 11
    expect(w.n).toBe(4);
    expect(w.sampleShape).toEqual([3, 1]);
    expect(w.targetShape).toEqual([1, 1]);
    expect(Array.from(w.starts)).toEqual([15, 16, 10, 11]);
    expect(Array.from(w.series)).toEqual([0, 0, 1, 1]);
    expect(Array.from(w.x.subarray(0, 3))).toEqual([150, 160, 170]);
    expect(Array.from(w.y!)).toEqual([180, 190, 230, 240]);
    expect(w.name).toBe('series/test/windows');
    const picked = selectRows(w, [3, 0]);
    expect([Array.from(picked.series), Array.from(picked.starts), Array.from(picked.y!)]).toEqual([[1, 0], [11, 15], [240, 180]]);
    const t = windowSeries(train, { window: 4, stride: 3 });
    expect(t.y).toBeUndefined();
    expect(Array.from(t.starts)).toEqual([0, 3, 6, 9, 0, 3, 6]);
  });

  it('takes plain step datasets (offset 0, series = place in the list), with masks and labels', () => {
    const a = createDataset({ name: 'a', x: Float32Array.from([1, 2, 3]), sampleShape: [1], labels: Int32Array.from([0, 1, 0]), mask: Float32Array.from([1, 0, 1]) });
    const b = createDataset({ name: 'b', x: Float32Array.from([4, 5]), sampleShape: [1], labels: Int32Array.from([0, 0]) });
    const w = windowSeries([a, b], { window: 2 });
    expect(Array.from(w.series)).toEqual([0, 0, 1]);
    expect(Array.from(w.starts)).toEqual([0, 1, 0]);
    expect(Array.from(w.labels!)).toEqual([1, 1, 0]);
    expect(Array.from(w.mask!)).toEqual([1, 0, 0, 1, 1, 1]);
  });

  it('names the part too short for a window', () => {
    const { test } = splitSeries(series('a', 20), { test: 2 });
    expectDataError(() => windowSeries(test, { window: 2, horizon: 1 }), { message: /a\/test: the series has 2 steps, fewer than window 2 \+ horizon 1/ });
  });
});

import { describe, expect, it } from 'vitest';
import { createDataset, fitScaler, fitSeriesScaler, splitSeries, windowSeries } from '../src/index.js';
import { expectDataError } from './helpers.js';

describe('fitSeriesScaler', () => {
  it('fits one parameter per feature on the training steps only, and scales windows and targets alike', () => {
    // feature 0: 0..9, feature 1: 100..109 (x10)
    const s = createDataset({ name: 's', sampleShape: [2], x: Float32Array.from({ length: 20 }, (_, i) => (i % 2 ? 100 + 10 * (i >> 1) : i >> 1)) });
    const { train, test } = splitSeries(s, { test: 4 });
    const scaler = fitSeriesScaler(train, 'minmax');
    expect(scaler.toJSON()).toEqual({ kind: 'minmax', params: { min: [0, 100], max: [5, 150] } });
    const w = scaler.transform(windowSeries(test, { window: 2, horizon: 1 }));
    expect(Array.from(w.x.subarray(0, 4))).toEqual([1.2, 1.2, 1.4, 1.4].map(Math.fround));
    expect(Array.from(w.y!)).toEqual([1.6, 1.6, 1.8, 1.8].map(Math.fround));
    const back = scaler.inverse(w);
    expect(Array.from(back.y!)).toEqual([8, 180, 9, 190]);
    expect(Array.from(back.x.subarray(0, 4))).toEqual([6, 160, 7, 170]);
  });

  it('pools the training steps of several series', () => {
    const a = createDataset({ name: 'a', sampleShape: [1], x: Float32Array.from([0, 2, 100]) });
    const b = createDataset({ name: 'b', sampleShape: [1], x: Float32Array.from([4, 6, -100]) });
    const { train } = splitSeries([a, b], { test: 1 });
    const json = fitSeriesScaler(train, 'standard').toJSON();
    expect(json.kind === 'standard' && json.params.mean).toEqual([3]);
  });
});

describe('scalers and targets y', () => {
  const windows = () => windowSeries(createDataset({ name: 's', sampleShape: [1], x: Float32Array.from({ length: 10 }, (_, i) => i) }), { window: 4, horizon: 2 });

  it('a global scaler scales y; without y nothing is added', () => {
    const w = windows();
    const scaled = fitScaler(w, { kind: 'minmax', per: 'global' }).transform(w);
    expect(Array.from(scaled.y!.subarray(0, 2))).toEqual([4 / 7, 5 / 7].map(Math.fround));
    const plain = createDataset({ name: 'p', sampleShape: [1], x: Float32Array.from([1, 2]) });
    expect('y' in fitScaler(plain, { kind: 'minmax' }).transform(plain)).toBe(false);
  });

  it('a per-feature scaler of windows cannot scale targets of another size, and says how to fit one that can', () => {
    const w = windows();
    const scaler = fitScaler(w, { kind: 'standard' }); // 4 parameters, one per step of a window
    expectDataError(() => scaler.transform(w), { message: /s\/windows: this scaler has 4 parameters per sample and cannot scale targets y of shape \[2, 1\]/ });
    expectDataError(() => scaler.inverse(w), { message: /per channel/ });
  });
});

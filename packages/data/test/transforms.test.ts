import { describe, expect, it } from 'vitest';
import { binarize, createDataset, DataError, fitScaler, flatten, oneHot, reshape, scalerFromJSON } from '../src/index.js';
import { expectDataError } from './helpers.js';

const train = createDataset({ name: 'train', sampleShape: [2], x: new Float32Array([0, 10, 2, 20, 4, 30]) });
const test = createDataset({ name: 'test', sampleShape: [2], x: new Float32Array([1, 40, 5, 10]) });

describe('fitScaler', () => {
  it('min-max: fitted on train, applied unchanged to test, invertible', () => {
    const s = fitScaler(train, { kind: 'minmax' });
    expect(Array.from(s.transform(train).x)).toEqual([0, 0, 0.5, 0.5, 1, 1]);
    expect(Array.from(s.transform(test).x)).toEqual([0.25, 1.5, 1.25, 0]);
    const back = s.inverse(s.transform(test));
    expect(Array.from(back.x)).toEqual(Array.from(test.x));
    expect(s.toJSON()).toEqual({ kind: 'minmax', params: { min: [0, 10], max: [4, 30] } });
  });

  it('standard: mean 0 and std 1 per feature; survives JSON', () => {
    const s = fitScaler(train, { kind: 'standard' });
    const y = s.transform(train).x;
    expect(y[0] + y[2] + y[4]).toBeCloseTo(0);
    expect((y[0] ** 2 + y[2] ** 2 + y[4] ** 2) / 3).toBeCloseTo(1);
    const again = scalerFromJSON(JSON.parse(JSON.stringify(s)));
    expect(Array.from(again.transform(test).x)).toEqual(Array.from(s.transform(test).x));
    expect(again.kind).toBe('standard');
  });

  it('global and per-channel parameters, constant features, masks', () => {
    expect(fitScaler(train, { kind: 'minmax', per: 'global' }).toJSON()).toEqual({ kind: 'minmax', params: { min: [0], max: [30] } });
    const img = createDataset({ name: 'img', sampleShape: [1, 2, 2], x: new Float32Array([0, 5, 2, 5, 4, 5, 6, 5]) });
    const s = fitScaler(img, { kind: 'minmax', per: 'channel' });
    expect(s.toJSON()).toEqual({ kind: 'minmax', params: { min: [0, 5], max: [6, 5] } });
    expect(Array.from(s.transform(img).x).filter((_, i) => i % 2)).toEqual([0, 0, 0, 0]); // constant channel: shifted only
    const masked = { ...train, mask: new Float32Array([1, 1, 1, 0, 1, 1]) };
    masked.x = Float32Array.from(masked.x);
    masked.x[3] = 1000;
    const m = fitScaler(masked, { kind: 'minmax' });
    expect(m.toJSON().params).toEqual({ min: [0, 10], max: [4, 30] });
    expect(m.transform(masked).x[3]).toBe(0);
  });

  it('rejects bad JSON and data of the wrong width', () => {
    expectDataError(() => scalerFromJSON({ kind: 'log', params: {} }), { message: /invalid scaler JSON/ });
    expectDataError(() => scalerFromJSON({ kind: 'minmax', params: { min: [0], max: [1, 2] } }), { message: /equal length/ });
    expectDataError(() => scalerFromJSON(null));
    const s = fitScaler(train, { kind: 'minmax' });
    expectDataError(() => s.transformArray(new Float32Array(3)), { message: /fitted on 2 features/ });
  });
});

describe('binarize, reshape, flatten, oneHot', () => {
  it('binarizes at a threshold', () => {
    const ds = createDataset({ name: 'b', sampleShape: [4], x: new Float32Array([0.1, 0.5, 0.51, 1]) });
    expect(Array.from(binarize(ds).x)).toEqual([0, 0, 1, 1]);
    expect(Array.from(binarize(ds, 0.05).x)).toEqual([1, 1, 1, 1]);
  });

  it('reshapes without copying, with one inferred dimension', () => {
    const ds = createDataset({ name: 'r', sampleShape: [784], x: new Float32Array(784 * 2) });
    const img = reshape(ds, [28, -1, 1]);
    expect(img.sampleShape).toEqual([28, 28, 1]);
    expect(img.x).toBe(ds.x);
    expect(flatten(img).sampleShape).toEqual([784]);
    expectDataError(() => reshape(ds, [27, -1]), { message: /cannot reshape/ });
    expectDataError(() => reshape(ds, [-1, -1]), { message: /at most one -1/ });
  });

  it('one-hot encodes labels', () => {
    expect(Array.from(oneHot(new Int32Array([2, 0]), 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(oneHot([1, 3]).length).toBe(8);
    expect(() => oneHot([3], 2)).toThrow(DataError);
  });
});

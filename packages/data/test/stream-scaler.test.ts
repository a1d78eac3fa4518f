/**
 * The one-pass scaler of a stream is the scaler fitted in memory on the
 * same rows: min-max and standard, per feature, per channel and global,
 * masked entries skipped, and on values far from zero, where a naive
 * sum-of-squares variance loses its digits.
 */
import { describe, expect, it } from 'vitest';
import { arrayBatchSource, fitScaler, fitScalerStream, type ArrayDataset, type ScalerOptions } from '../src/index.js';

function data(n: number, offset = 0): ArrayDataset {
  const x = new Float32Array(n * 6);
  const mask = new Float32Array(n * 6).fill(1);
  for (let i = 0; i < x.length; i++) {
    x[i] = offset + Math.sin(i * 0.37) * (1 + (i % 6)) + (i % 3);
    if (i % 11 === 0) mask[i] = 0;
  }
  return { name: 'rows', x, n, sampleShape: [3, 2], mask };
}

const close = (a: number[], b: number[], tolerance: number) => a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(b[i]))));

describe('fitScalerStream', () => {
  for (const options of [{ kind: 'minmax' }, { kind: 'standard' }, { kind: 'standard', per: 'channel' }, { kind: 'minmax', per: 'global' }] as ScalerOptions[])
    it(`matches fitScaler in memory: ${options.kind}${options.per ? ` per ${options.per}` : ''}`, async () => {
      const ds = data(1234);
      const want = fitScaler(ds, options).toJSON().params as Record<string, number[]>;
      const got = (await fitScalerStream(arrayBatchSource(ds), options, 100)).toJSON().params as Record<string, number[]>;
      for (const key of Object.keys(want)) close(got[key], want[key], 1e-12);
    });

  it('keeps its digits on values far from zero (one pass, Welford)', async () => {
    const ds = data(5000, 1e6);
    const want = fitScaler(ds, { kind: 'standard' }).toJSON().params as { std: number[] };
    const got = (await fitScalerStream(arrayBatchSource(ds), { kind: 'standard' }, 333)).toJSON().params as { std: number[] };
    close(got.std, want.std, 1e-9);
  });
});

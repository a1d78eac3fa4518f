import { describe, expect, it } from 'vitest';
import { createDataset, DataError, mulberry32, selectRows, shuffleIndices, splitDataset, splitEntries } from '../src/index.js';
import { expectDataError } from './helpers.js';

function toy(n: number, width = 3) {
  const x = Float32Array.from({ length: n * width }, (_, i) => Math.floor(i / width));
  return createDataset({ name: 'toy', x, sampleShape: [width], labels: Int32Array.from({ length: n }, (_, i) => i) });
}

describe('mulberry32 / shuffleIndices', () => {
  it('is mulberry32: fixed values for a fixed seed, all in [0, 1)', () => {
    const rng = mulberry32(42);
    expect(rng()).toBe(0.6011037519201636);
    const again = mulberry32(42);
    again();
    expect(Array.from({ length: 5 }, rng)).toEqual(Array.from({ length: 5 }, again));
    const r = mulberry32(7);
    for (let i = 0; i < 10000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });

  it('shuffles into a permutation that depends only on the seed', () => {
    const a = shuffleIndices(1000, 3);
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(shuffleIndices(1000, 3)).toEqual(a);
    expect(shuffleIndices(1000, 4)).not.toEqual(a);
    expect(shuffleIndices(0, 1).length).toBe(0);
  });

  it('rejects a non-finite seed or a bad n', () => {
    expect(() => mulberry32(NaN)).toThrow(DataError);
    expect(() => shuffleIndices(-1, 0)).toThrow(DataError);
  });
});

describe('splitDataset', () => {
  it('takes counts or fractions, keeps labels with their rows, and covers every row once', () => {
    const ds = toy(100);
    const { train, validation, test } = splitDataset(ds, { test: 0.2, validation: 10, seed: 5 });
    expect([train.n, validation!.n, test.n]).toEqual([70, 10, 20]);
    const seen = new Set<number>();
    for (const part of [train, validation!, test]) {
      for (let k = 0; k < part.n; k++) {
        expect(part.x[k * 3]).toBe(part.labels![k]);
        seen.add(part.labels![k]);
      }
    }
    expect(seen.size).toBe(100);
    expect(train.name).toBe('toy/train');
  });

  it('defaults to a 20% test part and can keep the file order', () => {
    const { train, test } = splitDataset(toy(10), { seed: 0, shuffle: false });
    expect(Array.from(train.labels!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(test.labels!)).toEqual([8, 9]);
  });

  it('rejects impossible sizes', () => {
    expectDataError(() => splitDataset(toy(10), { test: 11, seed: 0 }), { message: /only 10/ });
    expectDataError(() => splitDataset(toy(10), { test: 5, validation: 5, seed: 0 }), { message: /training/ });
    expectDataError(() => splitDataset(toy(10), { test: 2.5, seed: 0 }), { message: /whole count/ });
    expectDataError(() => splitDataset(toy(10), { test: -1, seed: 0 }));
  });

  it('selectRows re-slices mask and extra per-row fields', () => {
    const ds = { ...toy(4, 2), mask: new Float32Array(8).fill(1), starts: Int32Array.from([0, 1, 2, 3]), userIds: ['a', 'b', 'c', 'd'] };
    ds.mask[7] = 0;
    const picked = selectRows(ds, [3, 0]);
    expect(Array.from(picked.mask!)).toEqual([1, 0, 1, 1]);
    expect(Array.from(picked.starts)).toEqual([3, 0]);
    expect(picked.userIds).toEqual(['d', 'a']);
    expectDataError(() => selectRows(ds, [4]), { message: /out of range/ });
  });

  it('createDataset checks lengths', () => {
    expectDataError(() => createDataset({ name: 'bad', x: new Float32Array(5), sampleShape: [2] }), { message: /expected n \* 2/ });
    expectDataError(() => createDataset({ name: 'bad', x: new Float32Array(4), sampleShape: [2], labels: new Int32Array(3) }), { message: /labels/ });
  });
});

describe('splitEntries', () => {
  it('holds out observed entries into two disjoint masks over the same rows', () => {
    const x = Float32Array.from({ length: 20 }, (_, i) => i + 1);
    const mask = Float32Array.from({ length: 20 }, (_, i) => (i % 2 ? 1 : 0));
    const ds = createDataset({ name: 'r', x, sampleShape: [5], mask });
    const { train, test } = splitEntries(ds, { test: 0.2, seed: 1 });
    expect(train.n).toBe(4);
    let held = 0;
    for (let i = 0; i < 20; i++) {
      expect(train.mask![i] + test.mask![i]).toBe(mask[i]);
      if (test.mask![i]) {
        held++;
        expect(test.x[i]).toBe(x[i]);
        expect(train.x[i]).toBe(0);
      }
    }
    expect(held).toBe(2);
    expect(splitEntries(ds, { test: 0.2, seed: 1 }).test.mask).toEqual(test.mask);
  });
});

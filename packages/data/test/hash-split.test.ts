/**
 * The hash split of a stream: every row in exactly one part, the parts
 * close to the fractions asked, the same in every run and pass, other
 * seeds giving other splits, and a split source that streams exactly its
 * part's rows in file order, with their targets.
 */
import { describe, expect, it } from 'vitest';
import { arrayBatchSource, collectBatches, hashPart, hashSplitSource, type ArrayDataset } from '../src/index.js';

const rows = (n: number): ArrayDataset => ({ name: 'rows', x: Float32Array.from({ length: n }, (_, i) => i), n, sampleShape: [1], y: Float32Array.from({ length: n }, (_, i) => 2 * i), targetShape: [1] });

describe('hashPart', () => {
  it('puts each row in one part, close to the fractions asked, the same way every time', () => {
    const n = 100_000;
    const options = { test: 0.2, validation: 0.1, seed: 5 };
    const counts = { train: 0, validation: 0, test: 0 };
    for (let i = 0; i < n; i++) counts[hashPart(i, options)]++;
    expect(counts.train + counts.validation + counts.test).toBe(n);
    expect(Math.abs(counts.test / n - 0.2)).toBeLessThan(0.006);
    expect(Math.abs(counts.validation / n - 0.1)).toBeLessThan(0.005);
    // stable: fixed answers for fixed rows, so runs and passes agree
    const first = Array.from({ length: 20 }, (_, i) => hashPart(i, options));
    expect(Array.from({ length: 20 }, (_, i) => hashPart(i, options))).toEqual(first);
    // another seed, another split
    const other = Array.from({ length: 1000 }, (_, i) => hashPart(i, { ...options, seed: 6 }));
    const same = other.filter((p, i) => p === hashPart(i, options)).length;
    expect(same).toBeLessThan(900);
    // rows past 2^32 hash too
    expect(['train', 'validation', 'test']).toContain(hashPart(2 ** 33 + 7, options));
  });

  it('refuses fractions that leave no training part', () => {
    expect(() => hashPart(0, { test: 1 })).toThrow(/test must be a fraction in \[0, 1\)/);
    expect(() => hashPart(0, { test: 0.6, validation: 0.4 })).toThrow(/test \+ validation < 1/);
  });
});

describe('hashSplitSource', () => {
  it("streams exactly its part's rows in file order, disjoint and covering, with their targets", async () => {
    const options = { test: 0.25, seed: 1 };
    const parts = await Promise.all((['train', 'test'] as const).map((part) => collectBatches(hashSplitSource(arrayBatchSource(rows(3000)), part, options), 100)));
    const ids = parts.map((p) => Array.from(p.x));
    ids.forEach((list, k) => {
      expect(list).toEqual([...list].sort((a, b) => a - b));
      list.forEach((id) => expect(hashPart(id, options)).toBe(['train', 'test'][k]));
      expect(Array.from(parts[k].y!)).toEqual(list.map((id) => 2 * id));
    });
    expect(new Set([...ids[0], ...ids[1]]).size).toBe(3000);
    expect(ids[0].length + ids[1].length).toBe(3000);
    const again = await collectBatches(hashSplitSource(arrayBatchSource(rows(3000)), 'test', options), 7);
    expect(Array.from(again.x)).toEqual(ids[1]);
  });
});

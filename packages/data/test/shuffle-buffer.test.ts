/**
 * The shuffle buffer: every row once per pass, seeded passes that differ,
 * no row earlier than `buffer` places before its position, and order
 * statistics of a uniform shuffle when the buffer holds the data: a
 * label-sorted stream comes out with its labels mixed.
 */
import { describe, expect, it } from 'vitest';
import { arrayBatchSource, collectBatches, shuffledSource, type ArrayDataset } from '../src/index.js';

/** n rows of 2 values: the row's index and its label (sorted: 10 blocks). */
function sorted(n: number): ArrayDataset {
  const x = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) x.set([i, Math.floor((10 * i) / n)], 2 * i);
  return { name: 'sorted', x, n, sampleShape: [2], y: Float32Array.from({ length: n }, (_, i) => -i), targetShape: [1] };
}

const order = async (source: ReturnType<typeof shuffledSource>, batch = 64) => {
  const ds = await collectBatches(source, batch);
  return { ids: Array.from({ length: ds.n }, (_, i) => ds.x[2 * i]), labels: Array.from({ length: ds.n }, (_, i) => ds.x[2 * i + 1]), y: Array.from(ds.y!) };
};

/** Spearman's rank correlation of positions 0..n-1 against `values` (a permutation of 0..n-1). */
function spearman(values: number[]): number {
  const n = values.length;
  const d2 = values.reduce((sum, v, i) => sum + (v - i) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('shuffledSource', () => {
  it('gives every row once per pass, its targets with it, in batches of the size asked', async () => {
    const source = shuffledSource(arrayBatchSource(sorted(1000)), { buffer: 100, seed: 3 });
    const sizes: number[] = [];
    for await (const b of source.batches(64)) sizes.push(b.n);
    expect(sizes.slice(0, -1).every((n) => n === 64)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    const { ids, y } = await order(source);
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    ids.forEach((id, i) => expect(y[i]).toBe(-id));
  });

  it('is seeded: the same seed repeats a pass, the next pass differs, and a buffer of 1 keeps the order', async () => {
    const a = await order(shuffledSource(arrayBatchSource(sorted(500)), { buffer: 50, seed: 7 }));
    const b = await order(shuffledSource(arrayBatchSource(sorted(500)), { buffer: 50, seed: 7 }));
    expect(a.ids).toEqual(b.ids);
    const twice = shuffledSource(arrayBatchSource(sorted(500)), { buffer: 50, seed: 7 });
    const first = await order(twice);
    const second = await order(twice);
    expect(first.ids).toEqual(a.ids);
    expect(second.ids).not.toEqual(first.ids);
    expect((await order(shuffledSource(arrayBatchSource(sorted(500)), { buffer: 1 }))).ids).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('moves no row earlier than `buffer` places before its position', async () => {
    const { ids } = await order(shuffledSource(arrayBatchSource(sorted(2000)), { buffer: 64, seed: 1 }));
    ids.forEach((id, position) => expect(position).toBeGreaterThanOrEqual(id - 64));
  });

  it('with a buffer that holds the data, mixes a label-sorted stream like a uniform shuffle', async () => {
    const n = 5000;
    const { ids, labels } = await order(shuffledSource(arrayBatchSource(sorted(n)), { buffer: n, seed: 11 }));
    // rank correlation of input and output positions: about N(0, 1/n) for a uniform permutation
    expect(Math.abs(spearman(ids))).toBeLessThan(4 / Math.sqrt(n));
    // every tenth of the output holds every label, each close to a tenth of it
    for (let part = 0; part < 10; part++) {
      const chunk = labels.slice((part * n) / 10, ((part + 1) * n) / 10);
      for (let label = 0; label < 10; label++) {
        const share = chunk.filter((l) => l === label).length / chunk.length;
        expect(Math.abs(share - 0.1)).toBeLessThan(0.045);
      }
    }
  });

  it('refuses a buffer that is not a whole number of rows', () => {
    expect(() => shuffledSource(arrayBatchSource(sorted(10)), { buffer: 0 })).toThrow(/shuffle buffer: expected a whole number of rows >= 1, got 0/);
    expect(() => shuffledSource(arrayBatchSource(sorted(10)), { buffer: 2.5 })).toThrow(/got 2.5/);
  });
});

import { describe, expect, it } from 'vitest';
import { arrayBatchSource, collectBatches, createDataset, selectRows, slidingWindows, splitDataset, type ArrayDataset } from '../src/index.js';
import { expectDataError } from './helpers.js';

/** A dataset whose every target is twice its sample, so pairs can be checked in any order. */
const doubled = (n: number): ArrayDataset => {
  const x = Float32Array.from({ length: n * 2 }, (_, i) => i);
  return { name: 'doubled', x, n, sampleShape: [2], y: x.map((v) => 2 * v), targetShape: [2] };
};

const pairsHold = (x: Float32Array, y: Float32Array) => y.length === x.length && y.every((v, i) => v === 2 * x[i]);

describe('datasets with targets y', () => {
  it('selectRows and splits keep each target with its sample', () => {
    const ds = doubled(10);
    const some = selectRows(ds, [7, 2, 5]);
    expect(Array.from(some.y!)).toEqual([28, 30, 8, 10, 20, 22]);
    expect(some.targetShape).toEqual([2]);
    const { train, test } = splitDataset(ds, { test: 0.3, seed: 4 });
    for (const part of [train, test]) expect(pairsHold(part.x, part.y!)).toBe(true);
    const { targetShape: _, ...unshaped } = ds;
    expect(Array.from(selectRows(unshaped, [1]).y!)).toEqual([4, 6]);
  });
  it('window targets are y, and travel with their windows', () => {
    const w = slidingWindows([1, 2, 3, 4, 5, 6], { window: 3, horizon: 2 });
    expect(w.targetShape).toEqual([2, 1]);
    expect(Array.from(selectRows(w, [1, 0]).y!)).toEqual([5, 6, 4, 5]);
  });
  it('arrayBatchSource batches carry targets, shuffled in step with x', async () => {
    const source = arrayBatchSource(doubled(9), { shuffle: true, seed: 2 });
    expect(source.targetShape).toEqual([2]);
    const firsts: number[] = [];
    for await (const b of source.batches(4)) {
      expect(pairsHold(b.x, b.y!)).toBe(true);
      firsts.push(b.x[0]);
    }
    expect(firsts).not.toEqual([0, 8, 16]);
    for await (const b of arrayBatchSource(doubled(3)).batches(2)) expect(pairsHold(b.x, b.y!)).toBe(true);
    expect(arrayBatchSource({ name: 'plain', x: new Float32Array(4), n: 2, sampleShape: [2] }).targetShape).toBeUndefined();
  });
  it('createDataset checks the length of y against targetShape', () => {
    expectDataError(() => createDataset({ name: 'd', x: new Float32Array(4), sampleShape: [2], y: new Float32Array(3), targetShape: [2] }), {
      message: /d: y has 3 values, expected n \* 2 for targetShape \[2\]/,
    });
    expect(createDataset({ name: 'd', x: new Float32Array(4), sampleShape: [2], y: new Float32Array(2), targetShape: [1] }).n).toBe(2);
  });
});

describe('collecting a stream with targets', () => {
  it('collectBatches keeps the targets of a stream and its target shape', async () => {
    const ds = doubled(7);
    const back = await collectBatches(arrayBatchSource(ds, { shuffle: true, seed: 1 }), 3);
    expect(back.targetShape).toEqual([2]);
    expect(back.n).toBe(7);
    expect(pairsHold(back.x, back.y!)).toBe(true);
    expect((await collectBatches(arrayBatchSource({ name: 'plain', x: new Float32Array(4), n: 2, sampleShape: [2] }))).y).toBeUndefined();
  });
  it('a stream whose batches carry targets only sometimes is refused', async () => {
    const source = {
      name: 'uneven',
      sampleShape: [1],
      async *batches() {
        yield { x: new Float32Array([1]), n: 1, y: new Float32Array([2]) };
        yield { x: new Float32Array([3]), n: 1 };
      },
    };
    await expect(collectBatches(source)).rejects.toThrow(/uneven: the batch at sample 1 lacks targets y, unlike the batches before it/);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, DataValueError, ShapeError, createRng, mae, ndcgAtK, recallAtK, rmse, sliceRows, sparseEntries, topK } from '../src/index.js';
import { csr } from './recommend-fixtures.js';

const L3 = 1 / Math.log2(3); // discount of rank 1
const L5 = 1 / Math.log2(5); // discount of rank 3

describe('rmse and mae', () => {
  it('match hand-computed values', () => {
    expect(rmse([3.5, 4, 2], [3, 5, 2])).toBeCloseTo(Math.sqrt((0.25 + 1) / 3), 12);
    expect(mae([3.5, 4, 2], [3, 5, 2])).toBeCloseTo(1.5 / 3, 12);
    expect(rmse(Float32Array.of(1), Float64Array.of(1))).toBe(0);
  });
  it('are NaN on no ratings and refuse arrays of different lengths', () => {
    expect(rmse([], [])).toBeNaN();
    expect(mae([], [])).toBeNaN();
    expect(() => rmse([1, 2], [1])).toThrow(ShapeError);
    expect(() => mae([1], [1, 2])).toThrow(ShapeError);
  });
});

describe('recallAtK and ndcgAtK', () => {
  // one user, 5 items; ranking by score: 0, 2, 4, 3, 1
  const scores = Float32Array.of(0.9, 0.1, 0.8, 0.3, 0.5);
  const heldOut = csr(5, [[2, 3]]);

  it('match hand-computed values', () => {
    // top 2 = [0, 2]: one hit at rank 1
    expect(recallAtK(scores, heldOut, 2).perUser[0]).toBeCloseTo(1 / 2, 12);
    expect(ndcgAtK(scores, heldOut, 2).perUser[0]).toBeCloseTo(L3 / (1 + L3), 12);
    // top 3 = [0, 2, 4]: still one hit; IDCG over min(3, 2) = 2 ranks
    expect(recallAtK(scores, heldOut, 3).mean).toBeCloseTo(1 / 2, 12);
    expect(ndcgAtK(scores, heldOut, 3).mean).toBeCloseTo(L3 / (1 + L3), 12);
  });

  it('divide recall by min(K, held out), not by the number held out', () => {
    const r = recallAtK(Float32Array.of(0.9, 0.5, 0.1, 0), csr(4, [[0, 1, 2]]), 1);
    expect(r.perUser[0]).toBe(1);
    expect(ndcgAtK(Float32Array.of(0.9, 0.5, 0.1, 0), csr(4, [[0, 1, 2]]), 1).perUser[0]).toBe(1);
  });

  it('rank every item when K exceeds the item count', () => {
    // top 10 of 5 = [0, 2, 4, 3, 1]: hits at ranks 1 and 3
    expect(recallAtK(scores, heldOut, 10).mean).toBe(1);
    expect(ndcgAtK(scores, heldOut, 10).mean).toBeCloseTo((L3 + L5) / (1 + L3), 12);
  });

  it('leave the excluded items out of the ranking', () => {
    // without item 0 the list is [2, 4, ...]: a hit at rank 0
    const exclude = csr(5, [[0]]);
    expect(recallAtK(scores, heldOut, 2, exclude).mean).toBe(1 / 2);
    expect(ndcgAtK(scores, heldOut, 2, exclude).mean).toBeCloseTo(1 / (1 + L3), 12);
    // excluding 0 and 2 leaves [4, 3]: a hit at rank 1
    expect(ndcgAtK(scores, heldOut, 2, csr(5, [[0, 2]])).mean).toBeCloseTo(L3 / (1 + L3), 12);
    // an excluded held-out item is never a hit but stays in the denominator
    expect(recallAtK(scores, heldOut, 10, csr(5, [[3]])).mean).toBe(1 / 2);
    // everything excluded: an empty list
    expect(recallAtK(scores, heldOut, 3, csr(5, [[0, 1, 2, 3, 4]])).mean).toBe(0);
  });

  it('rank ties by the lower item index first', () => {
    const tied = Float32Array.of(0.5, 0.5, 0.5, 0.1);
    expect(recallAtK(tied, csr(4, [[2]]), 2).mean).toBe(0); // top 2 = [0, 1]
    expect(recallAtK(tied, csr(4, [[1]]), 2).mean).toBe(1);
    expect(ndcgAtK(tied, csr(4, [[1]]), 2).mean).toBeCloseTo(L3, 12);
    expect(Array.from(topK(Float32Array.of(0.1, 0.5, 0.5, 0.5), 4, 2))).toEqual([1, 2]);
  });

  it('give NaN to users with no held-out items and leave them out of the mean', () => {
    const two = Float32Array.of(...scores, ...scores, ...scores);
    const r = recallAtK(two, csr(5, [[2, 3], [], [0]]), 2);
    expect(r.perUser[0]).toBe(1 / 2);
    expect(r.perUser[1]).toBeNaN();
    expect(r.perUser[2]).toBe(1);
    expect(r.users).toBe(2);
    expect(r.mean).toBe(3 / 4);
    const none = ndcgAtK(scores, csr(5, [[]]), 2);
    expect(none.users).toBe(0);
    expect(none.mean).toBeNaN();
  });

  it('count a repeated held-out item once and ignore held-out values', () => {
    expect(recallAtK(scores, csr(5, [[[2, 5], [2, 5], [3, 0.5]]]), 2).mean).toBe(1 / 2);
  });

  it('refuse bad input', () => {
    expect(() => recallAtK(scores, heldOut, 0)).toThrow(ConfigError);
    expect(() => recallAtK(scores, heldOut, 1.5)).toThrow(ConfigError);
    expect(() => recallAtK(scores.subarray(1), heldOut, 2)).toThrow(ShapeError);
    expect(() => ndcgAtK(scores, heldOut, 2, csr(4, [[0]]))).toThrow(ShapeError);
    expect(() => ndcgAtK(scores, csr(5, [[7]]), 2)).toThrow(ShapeError);
    expect(() => recallAtK(Float32Array.of(0.9, NaN, 0.8, 0.3, 0.5), heldOut, 2)).toThrow(DataValueError);
  });

  it('keep recall@1,000 users x 20,000 items fast (a partial selection, no full sort)', () => {
    const users = 1000;
    const items = 20_000;
    const rng = createRng(7);
    const scores = new Float32Array(users * items);
    for (let i = 0; i < scores.length; i++) scores[i] = rng.next();
    const pick = (n: number) => Array.from({ length: users }, () => Array.from({ length: n }, () => Math.floor(rng.next() * items)));
    const heldOut = csr(items, pick(10));
    const exclude = csr(items, pick(50));
    const recall = recallAtK(scores, heldOut, 20, exclude);
    const ndcg = ndcgAtK(scores, heldOut, 100, exclude);
    expect(recall.users).toBe(users);
    // random scores: about k / items of the held-out items are found
    expect(recall.mean).toBeLessThan(0.01);
    expect(ndcg.mean).toBeGreaterThan(0);
  }, 30_000);
});

describe('topK', () => {
  it('agrees with a stable full sort, ties and exclusions included', () => {
    const rng = createRng(3);
    const rows = 20;
    const columns = 50;
    const scores = new Float32Array(rows * columns);
    for (let i = 0; i < scores.length; i++) scores[i] = Math.floor(rng.next() * 8); // many ties
    const excluded = Array.from({ length: rows }, () => Array.from({ length: 5 }, () => Math.floor(rng.next() * columns)));
    for (const k of [1, 7, 50, 60]) {
      const top = topK(scores, columns, k, csr(columns, excluded));
      for (let u = 0; u < rows; u++) {
        const expected = Array.from({ length: columns }, (_, j) => j)
          .filter((j) => !excluded[u].includes(j))
          .sort((a, b) => scores[u * columns + b] - scores[u * columns + a] || a - b)
          .slice(0, k);
        while (expected.length < k) expected.push(-1);
        expect(Array.from(top.subarray(u * k, (u + 1) * k))).toEqual(expected);
      }
    }
  });
});

describe('SparseRows helpers', () => {
  it('sparseEntries lists (row, column, value) and sliceRows cuts a batch', () => {
    const m = csr(4, [[[1, 5]], [], [[0, 3], [3, 4]]]);
    const e = sparseEntries(m);
    expect(Array.from(e.row)).toEqual([0, 2, 2]);
    expect(Array.from(e.column)).toEqual([1, 0, 3]);
    expect(Array.from(e.value)).toEqual([5, 3, 4]);
    const batch = sliceRows(m, 1, 3);
    expect(batch.rows).toBe(2);
    expect(Array.from(batch.rowStart)).toEqual([0, 0, 2]);
    expect(Array.from(batch.columnIndex)).toEqual([0, 3]);
    expect(() => sliceRows(m, 2, 4)).toThrow(ConfigError);
  });
  it('refuse malformed matrices', () => {
    const m = csr(4, [[1], [2]]);
    expect(() => sparseEntries({ ...m, rowStart: Int32Array.of(0, 2, 1) })).toThrow(ShapeError);
    expect(() => sparseEntries({ ...m, columns: 2 })).toThrow(ShapeError);
    expect(() => sparseEntries({ ...m, rows: 3 })).toThrow(ShapeError);
  });
});

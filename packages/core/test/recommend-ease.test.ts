import { describe, expect, it } from 'vitest';
import { ConfigError, DataValueError, ShapeError, createRng, fitEase, fitPopularity, spdInverseInPlace, topK } from '../src/index.js';
import { csr, dense } from './recommend-fixtures.js';

/** The inverse of a square matrix by Gauss-Jordan elimination with partial pivoting. */
function gaussJordanInverse(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    for (let j = 0; j < 2 * n; j++) a[col][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(n));
}

describe('spdInverseInPlace', () => {
  it('inverts a 2 x 2 by hand and random SPD matrices (sizes a multiple of its block of 4 rows and not)', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    spdInverseInPlace(a, 2);
    // det 8: [[3, -2], [-2, 4]] / 8
    [0.375, -0.25, -0.25, 0.5].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 14));

    for (const n of [32, 33, 34, 35]) {
      const rng = createRng(5);
      const x = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal()));
      const g = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) g[i * n + j] += x[k][i] * x[k][j] + (i === j && k === 0 ? 1 : 0);
      const inv = g.slice();
      for (let i = 0; i < n; i++) inv.fill(NaN, i * n + i + 1, (i + 1) * n); // the upper triangle is not read
      spdInverseInPlace(inv, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += g[i * n + k] * inv[k * n + j];
          expect(s).toBeCloseTo(i === j ? 1 : 0, 8);
        }
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => spdInverseInPlace(Float64Array.of(1, 2, 2, 1), 2)).toThrow(DataValueError);
  });
});

describe('fitEase', () => {
  // 5 users x 4 items, binary
  const train = csr(4, [[0, 1], [1, 2], [0, 2, 3], [3], [0, 1, 3]]);
  const lambda = 2;

  it('matches a direct computation: G = XᵀX + lambda I, P = G⁻¹, B = I - P diag(1/diag(P))', () => {
    const x = dense(train);
    const g = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => x.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? lambda : 0)));
    expect(g[0]).toEqual([5, 2, 1, 2]); // item 0: 3 users, + lambda; shared with 1, 2, 3
    const p = gaussJordanInverse(g);
    const ease = fitEase(train, { lambda });
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) expect(ease.weights[i * 4 + j]).toBeCloseTo(i === j ? 0 : -p[i][j] / p[j][j], 12);
    for (let i = 0; i < 4; i++) expect(ease.weights[i * 5]).toBe(0);

    const foldIn = csr(4, [[0], [1, 3]]);
    const scores = ease.score(foldIn);
    const xin = dense(foldIn);
    for (let u = 0; u < 2; u++)
      for (let j = 0; j < 4; j++) {
        const direct = xin[u].reduce((s, v, i) => s + v * ease.weights[i * 4 + j], 0);
        expect(scores[u * 4 + j]).toBeCloseTo(direct, 6);
      }
  });

  it('refuses too many items before allocating, and bad options', () => {
    const huge = { rows: 1, columns: 1_000_000, rowStart: Int32Array.of(0, 1), columnIndex: Int32Array.of(5), values: Float32Array.of(1) };
    expect(() => fitEase(huge)).toThrow(/8000\.0 GB.*maxItems = 21000 \(3\.5 GB\)/);
    expect(() => fitEase(train, { maxItems: 3 })).toThrow(ConfigError);
    expect(() => fitEase(train, { lambda: 0 })).toThrow(ConfigError);
    expect(() => fitEase(train).score(csr(3, [[0]]))).toThrow(ShapeError);
  });
});

describe('fitPopularity', () => {
  it('counts training interactions per item and ranks by them', () => {
    const train = csr(5, [[0, 1, 1], [1, 2], [1, 4], [4]]);
    const pop = fitPopularity(train);
    expect(Array.from(pop.counts)).toEqual([1, 3, 1, 0, 2]);
    const scores = pop.score(csr(5, [[], [1]]));
    expect(Array.from(scores)).toEqual([1, 3, 1, 0, 2, 1, 3, 1, 0, 2]);
    // by count, ties to the lower index; the second user already has item 1
    expect(Array.from(topK(scores, 5, 3, csr(5, [[], [1]])))).toEqual([1, 4, 0, 4, 0, 2]);
  });
});

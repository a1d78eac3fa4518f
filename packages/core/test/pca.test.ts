import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, pca } from '../src/index.js';

/** n rows of d values: a few strong directions plus small noise. */
function lowRankData(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const axes = Array.from({ length: 3 }, () => Array.from({ length: d }, () => rng.normal()));
  const scales = [5, 3, 2];
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const w = scales.map((s) => s * rng.normal());
    for (let t = 0; t < d; t++) out[i * d + t] = 1 + w[0] * axes[0][t] + w[1] * axes[1][t] + w[2] * axes[2][t] + 0.1 * rng.normal();
  }
  return out;
}

/** The covariance (denominator n - 1) applied to v, computed directly. */
function covarianceTimes(x: Float32Array, n: number, d: number, v: ArrayLike<number>): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += x[i * d + t] / n;
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let t = 0; t < d; t++) dot += (x[i * d + t] - mean[t]) * v[t];
    for (let t = 0; t < d; t++) out[t] += ((x[i * d + t] - mean[t]) * dot) / (n - 1);
  }
  return out;
}

describe('pca', () => {
  it('finds the axis of points on a line, its variance and the projection, by hand', () => {
    const p = pca(Float32Array.from([1, 1, 2, 2, 3, 3]), 3, 2, 2);
    expect([...p.mean]).toEqual([2, 2]);
    expect(p.components[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(p.components[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(p.explained[0]).toBeCloseTo(2, 10); // projections -√2, 0, √2: (2 + 0 + 2) / 2
    expect(p.explained[1]).toBeCloseTo(0, 10);
    const xy = p.project(Float32Array.from([1, 1, 4, 4]), 2);
    expect(xy[0]).toBeCloseTo(-Math.SQRT2, 5);
    expect(xy[2]).toBeCloseTo(2 * Math.SQRT2, 5);
    expect(Math.abs(xy[1])).toBeLessThan(1e-6);
  });

  it('gives orthonormal eigenvectors of the covariance, by decreasing variance', () => {
    for (const [n, d] of [[300, 20], [400, 784], [30, 100]]) {
      const x = lowRankData(n, d, n + d);
      const k = 3;
      const p = pca(x, n, d, k, { seed: 3 });
      for (let r = 0; r < k; r++) {
        const v = p.components.subarray(r * d, (r + 1) * d);
        const cv = covarianceTimes(x, n, d, v);
        for (let t = 0; t < d; t++) expect(Math.abs(cv[t] - p.explained[r] * v[t])).toBeLessThan(1e-3 * p.explained[0]);
        for (let s = 0; s <= r; s++) {
          let dot = 0;
          for (let t = 0; t < d; t++) dot += v[t] * p.components[s * d + t];
          expect(dot).toBeCloseTo(r === s ? 1 : 0, 5);
        }
        if (r > 0) expect(p.explained[r]).toBeLessThanOrEqual(p.explained[r - 1]);
      }
      // the projected rows have the explained variances
      const proj = p.project(x, n);
      const variance = (r: number) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += proj[i * k + r] ** 2;
        return sum / (n - 1);
      };
      for (let r = 0; r < k; r++) expect(variance(r) / p.explained[r]).toBeCloseTo(1, 3);
    }
  });

  it('is deterministic, with each axis signed so its largest entry is positive', () => {
    const x = lowRankData(200, 40, 9);
    const a = pca(x, 200, 40, 2, { seed: 1 });
    expect(pca(x, 200, 40, 2, { seed: 1 }).components).toEqual(a.components);
    const b = pca(x, 200, 40, 2, { seed: 2 });
    for (let i = 0; i < a.components.length; i++) expect(b.components[i]).toBeCloseTo(a.components[i], 4);
    for (let r = 0; r < 2; r++) {
      const axis = [...a.components.subarray(r * 40, (r + 1) * 40)];
      const biggest = axis.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      expect(biggest).toBeGreaterThan(0);
    }
  });

  it('handles constant and rank-deficient data', () => {
    const p = pca(new Float32Array(5 * 4).fill(0.5), 5, 4, 2);
    expect([...p.explained]).toEqual([0, 0]);
    expect([...p.project(new Float32Array(4).fill(0.5), 1)]).toEqual([0, 0]);
    const one = pca(Float32Array.from([1, 2, 3]), 1, 3, 2);
    expect([...one.mean]).toEqual([1, 2, 3]);
  });

  it('rejects bad arguments by name', () => {
    expect(() => pca(new Float32Array(6), 3, 2, 3)).toThrow(/k must be an integer in 1..2/);
    expect(() => pca(new Float32Array(5), 3, 2, 1)).toThrow(/expected 3 rows of 2 values \(6\), got 5/);
    expect(() => pca(Float32Array.from([1, Number.NaN]), 1, 2, 1)).toThrow(/row 0, column 1 is NaN/);
    expect(() => pca(new Float32Array(4), 2, 2, 1).project(new Float32Array(3), 2)).toThrow(ConfigError);
  });
});

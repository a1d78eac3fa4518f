/**
 * The 2-D map of a model's codes, for latent.png and `hourglass embed`: the
 * code itself when it has two numbers (unless PCA is asked for), else its projection on the two
 * principal components of the codes mapped (core's `pca`). The axis names
 * say which, with the share of the codes' variance each component holds.
 */
import { pca } from '@hourglass/core';

/** Points to plot and what their axes are. */
export interface CodeMap {
  /** n (x, y) pairs, row-major. */
  points: Float32Array;
  method: 'code' | 'pca';
  xLabel: string;
  yLabel: string;
  /** With pca: the variance of the codes along each axis, and in total. */
  explained?: [number, number];
  totalVariance?: number;
}

/**
 * Maps `n` codes of `d` numbers to 2-D.
 *
 * @example
 * const map = codeMap(codes, 2000, 32, 1); // map.points: 2000 x 2; map.xLabel 'pc 1 (21 per cent of variance)'
 */
export function codeMap(codes: Float32Array, n: number, d: number, seed: number, method: 'auto' | 'pca' = 'auto'): CodeMap {
  if (d === 2 && method === 'auto') return { points: codes, method: 'code', xLabel: 'code 1', yLabel: 'code 2' };
  if (d === 1) {
    const points = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) points[2 * i] = codes[i];
    return { points, method: 'code', xLabel: 'code 1', yLabel: '(none)' };
  }
  const p = pca(codes, n, d, 2, { seed });
  let total = 0;
  for (let t = 0; t < d; t++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (codes[i * d + t] - p.mean[t]) ** 2;
    total += sum / Math.max(1, n - 1);
  }
  const share = (v: number) => `${total > 0 ? Math.round((100 * v) / total) : 0}`;
  return {
    points: p.project(codes, n),
    method: 'pca',
    xLabel: `pc 1 (${share(p.explained[0])} per cent of variance)`,
    yLabel: `pc 2 (${share(p.explained[1])} per cent)`,
    explained: [p.explained[0], p.explained[1]],
    totalVariance: total,
  };
}

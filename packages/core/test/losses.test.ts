import { describe, expect, it } from 'vitest';
import { tf, bceFromLogits, mse, gaussianKl, l1Activity, klSparsity, reconstructionLoss, batchMean, ShapeError, type Tensor } from '../src/index.js';
import { values } from './helpers.js';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const bce = (z: number, x: number) => -(x * Math.log(sig(z)) + (1 - x) * Math.log(1 - sig(z)));

describe('reconstruction losses', () => {
  const z = [[0.5, -1, 2], [3, 0, -0.25]];
  const x = [[1, 0, 0.5], [0.2, 1, 0]];
  it('bce from logits equals the textbook formula, mean per sample', () => {
    const got = values(bceFromLogits(tf.tensor2d(z), tf.tensor2d(x)));
    const want = z.map((row, i) => row.reduce((s, zi, j) => s + bce(zi, x[i][j]), 0) / 3);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 5));
  });
  it('bce stays finite and exact for saturated logits', () => {
    const got = values(bceFromLogits(tf.tensor2d([[100, -100, 100]]), tf.tensor2d([[1, 0, 0]])));
    expect(got[0]).toBeCloseTo(100 / 3, 4);
    const g = tf.grad((l: Tensor) => tf.sum(bceFromLogits(l, tf.tensor2d([[1, 0, 0]]))))(tf.tensor2d([[100, -100, 100]]));
    expect(values(g).map((v) => +v.toFixed(5))).toEqual([0, 0, +(1 / 3).toFixed(5)]);
  });
  it('bce gradient is (sigmoid(z) - x) / n', () => {
    const g = values(tf.grad((l: Tensor) => tf.sum(bceFromLogits(l, tf.tensor2d(x))))(tf.tensor2d(z)));
    const want = z.flatMap((row, i) => row.map((zi, j) => (sig(zi) - x[i][j]) / 3));
    g.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });
  it('masked bce counts only observed entries', () => {
    const mask = [[1, 0, 1], [0, 0, 1]];
    const got = values(bceFromLogits(tf.tensor2d(z), tf.tensor2d(x), tf.tensor2d(mask)));
    expect(got[0]).toBeCloseTo((bce(0.5, 1) + bce(2, 0.5)) / 2, 5);
    expect(got[1]).toBeCloseTo(bce(-0.25, 0), 5);
    const g = values(tf.grad((l: Tensor) => tf.sum(bceFromLogits(l, tf.tensor2d(x), tf.tensor2d(mask))))(tf.tensor2d(z)));
    expect(g[1]).toBe(0);
    expect(g[5]).toBeCloseTo(sig(-0.25) - 0, 6);
  });
  it('mse is the mean squared error per sample, masked or not', () => {
    expect(values(mse(tf.tensor2d(z), tf.tensor2d(x)))[0]).toBeCloseTo((0.25 + 1 + 2.25) / 3, 6);
    expect(values(mse(tf.tensor2d(z), tf.tensor2d(x), tf.tensor2d([[0, 1, 0], [0, 0, 0]])))).toEqual([1, 0]);
  });
  it('works on image batches and reduces per batch', () => {
    const img = tf.fill([2, 2, 2, 1], 0.5);
    const per = reconstructionLoss('mse', tf.zeros([2, 2, 2, 1]), img);
    expect(values(per)).toEqual([0.25, 0.25]);
    expect(batchMean(per).dataSync()[0]).toBeCloseTo(0.25);
  });
  it('rejects mismatched shapes', () => {
    expect(() => bceFromLogits(tf.zeros([2, 3]), tf.zeros([2, 4]))).toThrow(ShapeError);
    expect(() => mse(tf.zeros([2, 3]), tf.zeros([2, 3]), tf.zeros([2, 2]))).toThrow(/mask/);
  });
});

describe('latent and activity terms', () => {
  it('gaussian KL matches 0.5 * sum(mu^2 + s^2 - 1 - log s^2)', () => {
    const mu = [[0, 1], [2, -1]];
    const lv = [[0, Math.log(4)], [-1, 0.5]];
    const got = values(gaussianKl(tf.tensor2d(mu), tf.tensor2d(lv)));
    mu.forEach((m, i) => {
      const want = 0.5 * m.reduce((s, mj, j) => s + mj * mj + Math.exp(lv[i][j]) - 1 - lv[i][j], 0);
      expect(got[i]).toBeCloseTo(want, 5);
    });
    expect(Math.abs(values(gaussianKl(tf.zeros([1, 3]), tf.zeros([1, 3])))[0])).toBe(0);
  });
  it('l1 activity sums |h| per sample', () => {
    expect(values(l1Activity(tf.tensor2d([[1, -2, 0.5], [0, 0, -3]])))).toEqual([3.5, 3]);
  });
  it('kl sparsity uses the batch mean activation per unit', () => {
    const h = tf.tensor2d([[0.1, 0.3], [0.3, 0.5]]);
    const kl = (r: number, q: number) => r * Math.log(r / q) + (1 - r) * Math.log((1 - r) / (1 - q));
    const want = kl(0.05, 0.2) + kl(0.05, 0.4);
    const got = values(klSparsity(h, 0.05));
    expect(got[0]).toBeCloseTo(want, 5);
    expect(got[1]).toBeCloseTo(want, 5);
    const per = values(klSparsity(h, 0.05, true));
    expect(per[0]).toBeCloseTo(kl(0.05, 0.1) + kl(0.05, 0.3), 5);
    expect(values(klSparsity(tf.fill([2, 3], 0.05), 0.05))[0]).toBeCloseTo(0, 6);
  });
});

/**
 * The multinomial reconstruction loss (Mult-VAE): values by hand, the
 * hand-written gradient against finite differences, the masked form, the
 * softmax output, the data check, and the l2Normalize layer its models read
 * their rows through.
 */
import { describe, expect, it } from 'vitest';
import { tf, buildLayer, createRng, lossFitsData, checkLossFitsData, multinomialFromLogits, outputFromLogits, reconstructionLoss, type Tensor } from '../src/index.js';
import { checkGradients } from './gradient-check.js';
import { expectNoLeak, values } from './helpers.js';

const logSoftmax = (z: number[]) => {
  const m = Math.max(...z);
  const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
  return z.map((v) => v - lse);
};
/** -sum x log softmax(z) / n, by hand. */
const byHand = (z: number[], x: number[]) => -logSoftmax(z).reduce((s, l, i) => s + x[i] * l, 0) / z.length;

const z = [
  [0.5, -1, 2, 0.25],
  [3, 3, -2, 0],
];
const x = [
  [1, 0, 2, 0],
  [0, 1, 0, 0],
];

describe('multinomial loss', () => {
  it('equals -sum x log softmax(z) divided by the number of entries, per sample', () => {
    const got = values(multinomialFromLogits(tf.tensor2d(z), tf.tensor2d(x)));
    expect(got[0]).toBeCloseTo(byHand(z[0], x[0]), 5);
    expect(got[1]).toBeCloseTo(byHand(z[1], x[1]), 5);
    // Hand-computed for the first row: log-sum-exp = 2.36927..., so (1 x 1.86927 + 2 x 0.36927) / 4.
    expect(got[0]).toBeCloseTo(0.651954, 4);
    expect(values(reconstructionLoss('multinomial', tf.tensor2d(z), tf.tensor2d(x)))).toEqual(got);
  });
  it('is unchanged by adding a constant to a row of logits, and stays finite for huge ones', () => {
    const shifted = values(multinomialFromLogits(tf.tensor2d(z.map((r) => r.map((v) => v + 1000))), tf.tensor2d(x)));
    expect(shifted[0]).toBeCloseTo(byHand(z[0], x[0]), 4);
    const huge = values(multinomialFromLogits(tf.tensor2d([[500, -500, 0]]), tf.tensor2d([[1, 1, 0]])));
    expect(huge[0]).toBeCloseTo(1000 / 3, 2);
  });
  it('has the gradient (sum(x) softmax(z) - x) / n, matching finite differences', () => {
    const g = values(tf.grad((l: Tensor) => tf.sum(multinomialFromLogits(l, tf.tensor2d(x))))(tf.tensor2d(z)));
    z.forEach((row, r) => {
      const p = logSoftmax(row).map(Math.exp);
      const total = x[r].reduce((a, b) => a + b, 0);
      row.forEach((_, i) => expect(g[r * 4 + i]).toBeCloseTo((total * p[i] - x[r][i]) / 4, 5));
    });
    // Central differences of a weighted sum, in float64 here.
    const weights = [0.3, -1.2];
    const f = (zz: number[][]) => zz.reduce((s, row, r) => s + weights[r] * byHand(row, x[r]), 0);
    const gw = values(tf.grad((l: Tensor) => tf.sum(tf.mul(multinomialFromLogits(l, tf.tensor2d(x)), tf.tensor1d(weights))))(tf.tensor2d(z)));
    const eps = 1e-4;
    for (let r = 0; r < 2; r++)
      for (let i = 0; i < 4; i++) {
        const up = z.map((row) => row.slice());
        const down = z.map((row) => row.slice());
        up[r][i] += eps;
        down[r][i] -= eps;
        expect(gw[r * 4 + i]).toBeCloseTo((f(up) - f(down)) / (2 * eps), 4);
      }
  });
  it('masked: the softmax and the sum run over the observed entries, divided by their count', () => {
    const mask = [
      [1, 0, 1, 1],
      [0, 0, 0, 0],
    ];
    const got = values(multinomialFromLogits(tf.tensor2d(z), tf.tensor2d(x), tf.tensor2d(mask)));
    const kept = [0, 2, 3];
    expect(got[0]).toBeCloseTo((byHand(kept.map((i) => z[0][i]), kept.map((i) => x[0][i])) * 3) / 3, 5);
    expect(Math.abs(got[1])).toBe(0); // nothing observed: no loss, no NaN
    const g = values(tf.grad((l: Tensor) => tf.sum(multinomialFromLogits(l, tf.tensor2d(x), tf.tensor2d(mask))))(tf.tensor2d(z)));
    const p = logSoftmax(kept.map((i) => z[0][i])).map(Math.exp);
    expect(g[1]).toBe(0);
    kept.forEach((i, j) => expect(g[i]).toBeCloseTo((3 * p[j] - x[0][i]) / 3, 5));
    expect(g.slice(4)).toEqual([0, 0, 0, 0]);
  });
  it('works on samples of any shape, and its output is the softmax over each sample', () => {
    const l = tf.tensor3d([z[0], z[1]].map((r) => [r.slice(0, 2), r.slice(2)]));
    const got = values(multinomialFromLogits(l, tf.tensor3d(x.map((r) => [r.slice(0, 2), r.slice(2)]))));
    expect(got[0]).toBeCloseTo(byHand(z[0], x[0]), 5);
    const out = outputFromLogits('multinomial', l);
    expect(out.shape).toEqual([2, 2, 2]);
    const v = values(out);
    expect(v.slice(0, 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(v[2]).toBeCloseTo(Math.exp(logSoftmax(z[0])[2]), 6);
  });
  it('needs data >= 0 of any scale, and says so', () => {
    expect(lossFitsData('multinomial', new Float32Array([0, 3, 250]))).toBe(true);
    expect(lossFitsData('multinomial', new Float32Array([0, -1]))).toBe(false);
    expect(() => checkLossFitsData('multinomial', new Float32Array([-1]), 'training data')).toThrow(
      'training data: the multinomial loss reads counts or clicks, which cannot be negative, and this data has negative values',
    );
  });
  it('leaks no tensors, forward or backward', async () => {
    const zt = tf.tensor2d(z);
    const xt = tf.tensor2d(x);
    const mt = tf.tensor2d([
      [1, 1, 0, 1],
      [1, 0, 1, 1],
    ]);
    // As in a training step, the caller's scope holds the (masked) targets the backward pass reads.
    await expectNoLeak(() =>
      tf.tidy(() => {
        tf.dispose([multinomialFromLogits(zt, xt), multinomialFromLogits(zt, xt, mt), outputFromLogits('multinomial', zt)]);
        tf.grad((l: Tensor) => tf.sum(multinomialFromLogits(l, xt, mt)))(zt).dispose();
      }),
    );
    tf.dispose([zt, xt, mt]);
  });
});

describe('l2Normalize layer', () => {
  it('divides each sample by its norm, keeps an all-zero sample zero, and has the right gradients', () => {
    const layer = buildLayer({ type: 'l2Normalize' }, [2, 2], { name: 'n', rng: createRng(1) });
    const y = values(layer.apply(tf.tensor3d([[[3, 0], [0, 4]], [[0, 0], [0, 0]]]), { training: false }));
    expect(y.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.6, 0, 0, 0.8, 0, 0, 0, 0]);
    tf.tidy(() => checkGradients({ type: 'l2Normalize' }, [3, 2]));
  });
  it('pulls Jacobian rows back as the gradient of their product with the output does', () => {
    const layer = buildLayer({ type: 'l2Normalize' }, [3], { name: 'n', rng: createRng(1) });
    tf.tidy(() => {
      const xt = tf.tensor2d([
        [1, -2, 0.5],
        [0.3, 0.1, 2],
      ]);
      const g = tf.tensor3d([[[0.2, 1, -1]], [[1, 0, 0.5]]]);
      const pulled = values(layer.pullback!(g, xt, layer.apply(xt, { training: false })));
      const want = values(tf.grad((input: Tensor) => tf.sum(tf.mul(layer.apply(input, { training: false }), tf.reshape(g, [2, 3]))))(xt));
      pulled.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    });
  });
});

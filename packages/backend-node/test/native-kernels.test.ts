/**
 * This package's kernels for the ops with a small constant input (Reshape,
 * the reductions, Concat, SplitV) against tfjs-node's own on the real
 * binding: the same TensorFlow ops, so the same bits; no tensor left
 * behind; the constant cache bounded. Runs where tfjs-node loads (see
 * node.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectNode, setupNode, useNativeKernels } from '../src/index.js';
import { CONSTANT_HANDLES_LIMIT, constantHandles } from '../src/kernels/constant-handles.js';
import type { NativeBackend } from '../src/kernels/native-backend.js';
import { ADAM_KERNEL, BIAS_ACTIVATION_KERNELS, type AdamKernelAttrs } from '@hourglass/core';
import { values } from './seeded-values.js';

const found = await detectNode({ gpu: false });


/** The shapes, dtypes and data of fn's tensors with this package's kernels and with tfjs-node's. */
function both(fn: () => tf.Tensor | tf.Tensor[]): [ours: unknown[], stock: unknown[]] {
  const run = (on: boolean) => {
    useNativeKernels(on);
    return tf.tidy(() => {
      const out = fn();
      return (Array.isArray(out) ? out : [out]).map((t) => [t.shape, t.dtype, Array.from(t.dataSync())]);
    });
  };
  try {
    return [run(true), run(false)];
  } finally {
    useNativeKernels(true);
  }
}

describe.skipIf(!found.available)('native kernels with constant inputs', () => {
  let x: tf.Tensor3D;
  let xi: tf.Tensor2D;
  beforeAll(async () => {
    // gradients: @hourglass/core's build registers tfjs-core's
    await import(/* @vite-ignore */ '@hourglass/core');
    await setupNode({ gpu: false });
    x = tf.keep(tf.tensor3d(values(4 * 5 * 6, 3), [4, 5, 6]));
    xi = tf.keep(tf.tensor2d([1, 2, 3, 4, 5, 7], [2, 3], 'int32'));
  }, 60_000);

  it('reshape, reductions, concat and split give tfjs-node\'s bits', () => {
    const cases: Array<[string, () => tf.Tensor | tf.Tensor[]]> = [
      ['reshape', () => [tf.reshape(x, [20, 6]), tf.reshape(x, [-1]), tf.reshape(x, [6, -1, 2])]],
      ['sum', () => [tf.sum(x), tf.sum(x, 0), tf.sum(x, [1, 2]), tf.sum(x, -1, true), tf.sum(xi, 1)]],
      ['mean', () => [tf.mean(x), tf.mean(x, 1), tf.mean(x, [0, 2], true), tf.mean(xi, 0)]],
      ['max/min/prod', () => [tf.max(x, 2), tf.min(x, [0, 1]), tf.prod(tf.add(x, 1), 1), tf.max(xi)]],
      ['concat', () => [tf.concat([x, x], 0), tf.concat([x, tf.mul(x, 2)], -1), tf.concat([tf.reshape(x, [120]), tf.ones([3])])]],
      ['split', () => [...tf.split(x, [1, 3], 0), ...tf.split(x, 3, -1), ...tf.split(tf.reshape(x, [120]), [100, 20])]],
    ];
    for (const [name, fn] of cases) {
      const [ours, stock] = both(fn);
      expect(ours, name).toEqual(stock);
    }
    expect(tf.mean(xi, 0).dtype).toBe('float32');
    expect(tf.reshape(x, [6, -1, 2]).shape).toEqual([6, 10, 2]);
  });

  it('gradients through them match tfjs-node\'s', () => {
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.concat(tf.split(tf.reshape(t, [30, 4]), [10, 20]), 0), tf.slice(tf.reshape(tf.mean(t, 2, true), [-1]), 0, 1)));
    const [ours, stock] = both(() => tf.grad(f)(x));
    expect(ours).toEqual(stock);
  });

  it("runs core's fused bias + activation as the plain ops do, both ways, rank 2 and 4", () => {
    const run = (name: string, inputs: tf.NamedTensorMap, activation: string) =>
      tf.engine().runKernel(name, inputs, { activation } as unknown as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
    for (const shape of [[6, 5], [2, 3, 4, 5]]) {
      for (const activation of ['relu', 'linear']) {
        const got = tf.tidy(() => {
          const v = tf.tensor(values(shape.reduce((a, b) => a * b, 1), 7), shape);
          const bias = tf.tensor1d(values(5, 9));
          const dy = tf.tensor(values(v.size, 11), shape);
          const y = run(BIAS_ACTIVATION_KERNELS.forward, { x: v, bias }, activation) as tf.Tensor;
          const plainY = activation === 'relu' ? tf.relu(tf.add(v, bias)) : tf.add(v, bias);
          const [dPre, dBias] = run(BIAS_ACTIVATION_KERNELS.gradient, { dy, y }, activation) as tf.Tensor[];
          const plainPre = activation === 'relu' ? tf.mul(dy, tf.step(plainY)) : dy;
          const plainBias = tf.sum(plainPre, shape.slice(0, -1).map((_, i) => i));
          return [y, plainY, dPre, plainPre, dBias, plainBias].map((t) => [t.shape, Array.from(t.dataSync(), (z) => z + 0)]);
        });
        const label = `${activation} [${shape}]`;
        expect(got[0], `${label}: y`).toEqual(got[1]);
        expect(got[2], `${label}: dPre`).toEqual(got[3]);
        expect(got[4][0], `${label}: dBias shape`).toEqual(got[5][0]);
        (got[4][1] as number[]).forEach((d, i) => expect(d, `${label}: dBias[${i}]`).toBeCloseTo((got[5][1] as number[])[i], 5));
      }
    }
    expect(() => run(BIAS_ACTIVATION_KERNELS.forward, { x: x, bias: tf.zeros([6]) }, 'tanh')).toThrow(/activation must be 'relu' or 'linear', got 'tanh'/);
  });

  it("runs core's Adam update as the plain ops do, bit for bit, with and without weight decay", () => {
    for (const weightDecay of [0, 0.01]) {
      const a: AdamKernelAttrs = { learningRate: 1e-3 * Math.sqrt(1 - 0.999 ** 3) / (1 - 0.9 ** 3), beta1: 0.9, oneMinusBeta1: 0.1, beta2: 0.999, oneMinusBeta2: 1 - 0.999, epsilon: 1e-8, weightDecay };
      const got = tf.tidy(() => {
        let [w, m, v] = [values(300, 1), new Float32Array(300), new Float32Array(300)].map((d) => tf.tensor1d(d));
        let [pw, pm, pv] = [w, m, v];
        const c = (x: number) => tf.scalar(x);
        for (let step = 0; step < 3; step++) {
          const g = tf.tensor1d(values(300, 20 + step));
          [w, m, v] = tf.engine().runKernel(ADAM_KERNEL, { w, g, m, v }, a as unknown as tf.NamedAttrMap) as tf.Tensor1D[];
          const gd = weightDecay > 0 ? tf.add(g, tf.mul(pw, c(weightDecay))) : g;
          pm = tf.add(tf.mul(pm, c(a.beta1)), tf.mul(gd, c(a.oneMinusBeta1)));
          pv = tf.add(tf.mul(pv, c(a.beta2)), tf.mul(tf.square(gd), c(a.oneMinusBeta2)));
          pw = tf.sub(pw, tf.div(tf.mul(pm, c(a.learningRate)), tf.add(tf.sqrt(pv), c(a.epsilon))));
        }
        return [w, pw, m, pm, v, pv].map((t) => Array.from(t.dataSync()));
      });
      expect(got[0], `w, weight decay ${weightDecay}`).toEqual(got[1]);
      expect(got[2], 'm').toEqual(got[3]);
      expect(got[4], 'v').toEqual(got[5]);
      expect(got[0]).not.toEqual(Array.from(values(300, 1)));
    }
    const w = tf.zeros([4]);
    expect(() => tf.engine().runKernel(ADAM_KERNEL, { w, g: tf.zeros([5]), m: w, v: w }, {})).toThrow(/g must be float32 of w's shape \[4\], got float32 \[5\]/);
    w.dispose();
  });

  it('leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++)
      tf.tidy(() => {
        const parts = tf.split(tf.reshape(x, [120]), [60, 60]);
        const y = tf.engine().runKernel(BIAS_ACTIVATION_KERNELS.forward, { x: tf.reshape(x, [20, 6]), bias: tf.ones([6]) }, { activation: 'relu' }) as tf.Tensor;
        const [dPre, dBias] = tf.engine().runKernel(BIAS_ACTIVATION_KERNELS.gradient, { dy: y, y }, { activation: 'linear' }) as tf.Tensor[];
        const adamAttrs = { learningRate: 0.1, beta1: 0.9, oneMinusBeta1: 0.1, beta2: 0.99, oneMinusBeta2: 0.01, epsilon: 1e-7, weightDecay: 0.1 };
        const [w2] = tf.engine().runKernel(ADAM_KERNEL, { w: dBias, g: dBias, m: dBias, v: dBias }, adamAttrs) as tf.Tensor[];
        return tf.add(tf.sum(tf.concat([parts[1], parts[0]])), tf.add(tf.sum(dPre), tf.sum(w2)));
      }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps at most CONSTANT_HANDLES_LIMIT constants, and still computes right past it', () => {
    const cache = constantHandles(tf.backend() as unknown as NativeBackend);
    const row = tf.range(0, 2 * CONSTANT_HANDLES_LIMIT + 40);
    for (let n = 1; n <= CONSTANT_HANDLES_LIMIT + 20; n++) tf.tidy(() => tf.reshape(tf.slice(row, 0, 2 * n), [2, n]));
    expect(cache.size).toBeLessThanOrEqual(CONSTANT_HANDLES_LIMIT);
    const again = tf.tidy(() => Array.from(tf.reshape(tf.slice(row, 0, 6), [2, 3]).dataSync()));
    expect(again).toEqual([0, 1, 2, 3, 4, 5]);
    row.dispose();
  });
});

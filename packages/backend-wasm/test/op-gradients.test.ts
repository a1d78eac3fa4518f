/**
 * Every op whose gradient an autoencoder's layers and losses need, on wasm
 * against cpu: forward value and gradient w.r.t. every input. The upstream
 * gradient is a fixed random tensor (not ones), so index mistakes show.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { setupWasm } from '../src';
import { expectSameOnWasmAndCpu, seeded } from './helpers/compare';
import { ensureGradients } from './helpers/gradients';

type Op = (...xs: tf.Tensor[]) => tf.Tensor;
interface OpCase {
  name: string;
  shapes: number[][];
  op: Op;
  /** Maps seeded [-1, 1) values into the op's domain. */
  domain?: (v: number) => number;
}

const img = [2, 6, 6, 3];
const positive = (v: number) => Math.abs(v) + 0.1;

const CASES: OpCase[] = [
  // dense layer pieces
  { name: 'matMul', shapes: [[5, 7], [7, 4]], op: (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D) },
  { name: 'matMul transposeA', shapes: [[7, 5], [7, 4]], op: (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true, false) },
  { name: 'matMul transposeB', shapes: [[5, 7], [4, 7]], op: (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, false, true) },
  { name: 'matMul both transposed', shapes: [[7, 5], [4, 7]], op: (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true, true) },
  { name: 'batched matMul (rank 3)', shapes: [[3, 5, 7], [3, 7, 4]], op: (a, b) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D) },
  { name: 'fused matMul + bias + relu', shapes: [[5, 7], [7, 4], [4]], op: (a, b, c) => tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' }) },
  { name: 'fused matMul transposed + bias', shapes: [[7, 5], [4, 7], [4]], op: (a, b, c) => tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, transposeA: true, transposeB: true }) },
  { name: 'add (bias broadcast)', shapes: [[5, 4], [4]], op: (a, b) => tf.add(a, b) },
  { name: 'sum (axis)', shapes: [[5, 4]], op: (a) => tf.sum(a, 1) },
  { name: 'sum (all)', shapes: [[5, 4]], op: (a) => tf.sum(a) },
  // convolutional layer pieces
  { name: 'conv2d same s1', shapes: [img, [3, 3, 3, 4]], op: (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same') },
  { name: 'conv2d valid s2', shapes: [[2, 7, 7, 3], [3, 3, 3, 4]], op: (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 'valid') },
  { name: 'conv2dTranspose same s2', shapes: [img, [3, 3, 2, 3]], op: (x, f) => tf.conv2dTranspose(x as tf.Tensor4D, f as tf.Tensor4D, [2, 12, 12, 2], 2, 'same') },
  { name: 'maxPool same s2', shapes: [img], op: (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'same') },
  { name: 'maxPool valid 3x3 s2', shapes: [[2, 7, 7, 3]], op: (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'valid') },
  { name: 'avgPool same s2', shapes: [[2, 7, 7, 3]], op: (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'same') },
  { name: 'avgPool valid 3x3 s1', shapes: [img], op: (x) => tf.avgPool(x as tf.Tensor4D, 3, 1, 'valid') },
  { name: 'resizeNearestNeighbor x2', shapes: [img], op: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [12, 12]) },
  { name: 'resizeNearestNeighbor halfPixelCenters', shapes: [img], op: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [12, 12], false, true) },
  { name: 'reshape', shapes: [img], op: (x) => tf.reshape(x, [2, -1]) },
  // activations
  { name: 'relu', shapes: [[5, 6]], op: (x) => tf.relu(x) },
  { name: 'leakyRelu', shapes: [[5, 6]], op: (x) => tf.leakyRelu(x, 0.2) },
  { name: 'elu', shapes: [[5, 6]], op: (x) => tf.elu(x) },
  { name: 'sigmoid', shapes: [[5, 6]], op: (x) => tf.sigmoid(x) },
  { name: 'tanh', shapes: [[5, 6]], op: (x) => tf.tanh(x) },
  { name: 'softplus', shapes: [[5, 6]], op: (x) => tf.softplus(tf.mul(x, 4)) },
  { name: 'dropout-style mul', shapes: [[5, 6], [5, 6]], op: (x, m) => tf.div(tf.mul(x, tf.cast(tf.greater(m, 0), 'float32')), 0.5) },
  // losses
  { name: 'log', shapes: [[5, 6]], op: (x) => tf.log(x), domain: positive },
  { name: 'exp', shapes: [[5, 6]], op: (x) => tf.exp(x) },
  { name: 'abs', shapes: [[5, 6]], op: (x) => tf.abs(x) },
  { name: 'maximum', shapes: [[5, 6], [5, 6]], op: (a, b) => tf.maximum(a, b) },
  { name: 'square', shapes: [[5, 6]], op: (x) => tf.square(x) },
  { name: 'mean (axis)', shapes: [[5, 6]], op: (x) => tf.mean(x, 0) },
  { name: 'mean (all)', shapes: [[5, 6]], op: (x) => tf.mean(x) },
  { name: 'sub', shapes: [[5, 6], [5, 6]], op: (a, b) => tf.sub(a, b) },
  { name: 'neg', shapes: [[5, 6]], op: (x) => tf.neg(x) },
  { name: 'log1p', shapes: [[5, 6]], op: (x) => tf.log1p(x), domain: positive },
  { name: 'logSigmoid', shapes: [[5, 6]], op: (x) => tf.logSigmoid(tf.mul(x, 4)) },
  { name: 'MSE', shapes: [[5, 6], [5, 6]], op: (a, b) => tf.mean(tf.square(tf.sub(a, b))) },
  {
    name: 'BCE from logits (max(z,0) - z*x + log1p(exp(-|z|)))',
    shapes: [[5, 6], [5, 6]],
    op: (z, x) => tf.mean(tf.add(tf.sub(tf.maximum(z, 0), tf.mul(z, tf.abs(x))), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))),
  },
  {
    name: 'BCE on probabilities (clipped logs)',
    shapes: [[5, 6], [5, 6]],
    op: (z, x) => {
      const p = tf.sigmoid(z);
      const t = tf.abs(x);
      const one = tf.scalar(1);
      return tf.neg(tf.mean(tf.add(tf.mul(t, tf.log(tf.maximum(p, 1e-7))), tf.mul(tf.sub(one, t), tf.log(tf.maximum(tf.sub(one, p), 1e-7))))));
    },
  },
];

beforeAll(async () => {
  await ensureGradients();
  await setupWasm();
});

describe('op gradients: wasm matches cpu', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const values = c.shapes.map((s, i) => {
      const v = seeded(s.reduce((a, b) => a * b, 1), 31 * (i + 1));
      return c.domain ? v.map(c.domain) : v;
    });
    await expectSameOnWasmAndCpu(() => {
      const xs = values.map((v, i) => tf.tensor(v, c.shapes[i]));
      const out = c.op(...xs);
      const r = tf.tensor(seeded(out.size, 97), out.shape);
      const grads = tf.grads((...ys: tf.Tensor[]) => tf.sum(tf.mul(c.op(...ys), r)))(xs);
      return [out, ...grads];
    }, 1e-4, c.name);
  });
});

/**
 * Every op whose gradient an autoencoder's layers and losses need, on wasm
 * against cpu: forward value and gradient w.r.t. every input. The upstream
 * gradient is a fixed random tensor (not ones), so index mistakes show.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { setupWasm } from '../src';
import { expect } from 'vitest';
import { expectSameOnWasmAndCpu, relativeError, runOn, seeded } from './helpers/compare';
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
  { name: 'maxPool all-negative windows', shapes: [img], op: (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'same'), domain: (v) => -Math.abs(v) - 0.01 },
  { name: 'maxPool after relu (zero ties)', shapes: [img], op: (x) => tf.maxPool(tf.relu(tf.sub(x, 0.4)) as tf.Tensor4D, 3, 1, 'same') },
  { name: 'maxPool exact ties', shapes: [img], op: (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'), domain: (v) => Math.round(v * 2) },
  { name: 'maxPool pad 1 round', shapes: [[1, 6, 5, 2]], op: (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, 1, 'round') },
  { name: 'maxPool pad 0 ceil', shapes: [[2, 6, 5, 2]], op: (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, 0, 'ceil') },
  { name: 'avgPool pad 1 ceil (forward only)', shapes: [[1, 6, 5, 2]], op: (x) => tf.avgPool(x as tf.Tensor4D, 3, 2, 1, 'ceil') },
  { name: 'avgPool same s2', shapes: [[2, 7, 7, 3]], op: (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'same') },
  { name: 'avgPool valid 3x3 s1', shapes: [img], op: (x) => tf.avgPool(x as tf.Tensor4D, 3, 1, 'valid') },
  { name: 'resizeNearestNeighbor, batch 1', shapes: [[1, 6, 6, 3]], op: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [12, 12]) },
  { name: 'reshape', shapes: [img], op: (x) => tf.reshape(x, [2, -1]) },
  // activations
  { name: 'relu', shapes: [[5, 6]], op: (x) => tf.relu(x) },
  { name: 'leakyRelu', shapes: [[5, 6]], op: (x) => tf.leakyRelu(x, 0.2) },
  { name: 'elu', shapes: [[5, 6]], op: (x) => tf.elu(x) },
  { name: 'sigmoid', shapes: [[5, 6]], op: (x) => tf.sigmoid(x) },
  { name: 'tanh', shapes: [[5, 6]], op: (x) => tf.tanh(x) },
  { name: 'softplus', shapes: [[5, 6]], op: (x) => tf.softplus(tf.mul(x, 4)) },
  { name: 'dropout-style mul', shapes: [[5, 6]], op: (x) => tf.div(tf.mul(x, tf.cast(tf.greater(tf.tensor(seeded(30, 77), [5, 6]), 0), 'float32')), 0.5) },
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
  // tf.logSigmoid of an intermediate tensor fails under tf.grad on every
  // backend (tfjs-core customGrad issue), so it is applied to the input here.
  { name: 'logSigmoid', shapes: [[5, 6]], op: (x) => tf.logSigmoid(x), domain: (v) => 4 * v },
  { name: 'max (all negative)', shapes: [[5, 6]], op: (x) => tf.max(x, 1), domain: (v) => -Math.abs(v) - 0.01 },
  { name: 'relu6', shapes: [[5, 6]], op: (x) => tf.relu6(tf.mul(x, 8)) },
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

/**
 * tfjs' cpu ResizeNearestNeighborGrad is wrong for batch > 1 (4.22), so it
 * cannot be the reference there. Independent reference: resize an image
 * whose pixels hold their own flat index (forward resize agrees on every
 * backend), then add each dy value to the pixel it was copied from.
 */
describe('resizeNearestNeighbor gradient against an index-map reference', () => {
  const cases = [
    { shape: [2, 3, 4, 2], size: [6, 8], alignCorners: false, halfPixelCenters: false },
    { shape: [3, 4, 4, 1], size: [8, 8], alignCorners: false, halfPixelCenters: true },
    { shape: [2, 3, 5, 2], size: [7, 9], alignCorners: true, halfPixelCenters: false },
    { shape: [2, 5, 5, 3], size: [7, 12], alignCorners: false, halfPixelCenters: false },
  ] as const;
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', async (_, c) => {
    const [n, h, w, ch] = c.shape;
    const inSize = n * h * w * ch;
    const outShape = [n, c.size[0], c.size[1], ch];
    const resize = (x: tf.Tensor) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [...c.size] as [number, number], c.alignCorners, c.halfPixelCenters);
    const [map] = await runOn('cpu', () => resize(tf.tensor(Float32Array.from({ length: inSize }, (_, i) => i), [...c.shape])));
    const dy = seeded(map.length, 55);
    const expected = new Float32Array(inSize);
    map.forEach((src, i) => (expected[src] += dy[i]));
    const [grad] = await runOn('wasm', () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(resize(x), tf.tensor(dy, outShape))))(tf.tensor(seeded(inSize, 56), [...c.shape])));
    expect(relativeError(grad, expected)).toBeLessThanOrEqual(1e-5);
  });
});

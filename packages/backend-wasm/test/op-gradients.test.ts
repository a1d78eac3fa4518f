/**
 * Every op whose gradient an autoencoder's layers and losses need, on wasm
 * against cpu: forward value and gradient w.r.t. every input. The upstream
 * gradient is a fixed random tensor (not ones), so index mistakes show.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { useCompiledKernels } from '../src/kernels/compiled-module.js';
import { poolKernels } from '../src/kernels/pool/pool-kernels-module.js';
import { setupWasm } from '../src/index.js';
import { expect } from 'vitest';
import { expectSameOnWasmAndCpu, relativeError, runOn, seeded } from './helpers/compare.js';
import { ensureGradients } from './helpers/gradients.js';

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
  { name: 'avgPool same s2, even size (no padding)', shapes: [img], op: (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'same') },
  { name: 'avgPool valid 3x3 s1', shapes: [img], op: (x) => tf.avgPool(x as tf.Tensor4D, 3, 1, 'valid') },
  { name: 'resizeNearestNeighbor, batch 1', shapes: [[1, 6, 6, 3]], op: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [12, 12]) },
  { name: 'reshape', shapes: [img], op: (x) => tf.reshape(x, [2, -1]) },
  // transposes of the last two axes (4x4 blocks, 16-row bands and the ragged edges) and others
  { name: 'transpose 2d, blocks and edges', shapes: [[37, 22]], op: (x) => tf.transpose(x) },
  { name: 'transpose 2d, whole bands', shapes: [[32, 8]], op: (x) => tf.transpose(x) },
  { name: 'transpose last two axes of a batch', shapes: [[3, 6, 9]], op: (x) => tf.transpose(x, [0, 2, 1]) },
  { name: 'transpose, other permutation', shapes: [[3, 6, 9]], op: (x) => tf.transpose(x, [1, 0, 2]) },
  // sequence layer pieces: slices, unstack and split (read in place on wasm)
  { name: 'slice (first axis cut)', shapes: [[4, 5, 3]], op: (x) => tf.slice(x, [1, 0, 0], [2, 5, 3]) },
  { name: 'slice (every axis cut)', shapes: [[4, 5, 3]], op: (x) => tf.slice(x, [1, 2, 1], [3, 2, 2]) },
  { name: 'slice (inner axis cut)', shapes: [[4, 5, 3]], op: (x) => tf.slice(x, [0, 0, 1], [4, 5, 1]) },
  { name: 'slice rank 1 and rank 4', shapes: [[7], img], op: (a, b) => tf.add(tf.sum(tf.slice(a, [2], [3])), tf.sum(tf.slice(b, [1, 1, 0, 1], [1, 4, 6, 2]))) },
  { name: 'unstack (axis 0 and 1)', shapes: [[3, 4, 2]], op: (x) => tf.concat([...tf.unstack(x).map((t, i) => tf.mul(t, i + 1)), ...tf.unstack(x, 1)], 0) },
  { name: 'split (sizes, axis 1 and 2)', shapes: [[3, 5, 4]], op: (x) => tf.add(tf.concat(tf.split(x, [1, 3, 1], 1).map((t, i) => tf.mul(t, i + 1)), 1), tf.concat(tf.split(x, 2, 2).reverse(), 2)) },
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
 * Pools against a brute-force reference, in the cases where tfjs' cpu
 * gradient is not one: avgPool next to 'same' padding (cpu divides by fh*fw,
 * the forward by the real pixel count) and pools with dimRoundingMode
 * (tfjs' gradient drops it). Max: the first strict maximum gets dy.
 */
function poolReference(xv: Float32Array, shape: number[], f: number, s: number, pad: 'same' | 'valid' | number, mode: 'floor' | 'round' | 'ceil' | undefined, max: boolean, dyOf: (n: number) => Float32Array) {
  const [n, h, w, c] = shape;
  const info = tf.backend_util.computePool2DInfo(shape as [number, number, number, number], f, s, 1, pad, mode);
  const [, ho, wo] = info.outShape;
  const y = new Float32Array(n * ho * wo * c);
  const dy = dyOf(y.length);
  const dx = new Float32Array(xv.length);
  for (let b = 0; b < n; b++) for (let i = 0; i < ho; i++) for (let j = 0; j < wo; j++) for (let k = 0; k < c; k++) {
    const pixels: number[] = [];
    for (let p = i * s - info.padInfo.top; p < i * s - info.padInfo.top + f; p++) for (let q = j * s - info.padInfo.left; q < j * s - info.padInfo.left + f; q++) {
      if (p >= 0 && p < h && q >= 0 && q < w) pixels.push(((b * h + p) * w + q) * c + k);
    }
    const o = ((b * ho + i) * wo + j) * c + k;
    if (max) {
      const at = pixels.reduce((best, idx) => (xv[idx] > xv[best] ? idx : best), pixels[0]);
      y[o] = xv[at];
      dx[at] += dy[o];
    } else {
      y[o] = pixels.reduce((sum, idx) => sum + xv[idx], 0) / pixels.length;
      for (const idx of pixels) dx[idx] += dy[o] / pixels.length;
    }
  }
  return { y, dx, outShape: info.outShape, dy };
}

describe.each([
  ['compiled (pool-kernels.wat)', true],
  ['JS fallback', false],
])('pools and their gradients against a brute-force reference: %s', (_, compiled) => {
  beforeAll(() => useCompiledKernels(compiled));
  afterAll(() => useCompiledKernels(true));
  it('runs the kernels it names', async () => {
    await tf.setBackend('wasm');
    expect(poolKernels(tf.backend() as BackendWasm) !== null).toBe(compiled);
  });
  const cases = [
    { shape: [2, 7, 7, 3], f: 2, s: 2, pad: 'same', mode: undefined },
    { shape: [2, 7, 6, 2], f: 3, s: 2, pad: 'same', mode: undefined },
    { shape: [1, 5, 5, 2], f: 3, s: 1, pad: 'same', mode: undefined },
    { shape: [2, 6, 5, 2], f: 3, s: 2, pad: 1, mode: 'round' },
    { shape: [2, 6, 5, 2], f: 3, s: 2, pad: 0, mode: 'ceil' },
    { shape: [1, 7, 7, 1], f: 2, s: 2, pad: 1, mode: 'floor' },
    // four channels a SIMD step, and a remainder
    { shape: [2, 7, 7, 4], f: 2, s: 2, pad: 'same', mode: undefined },
    { shape: [2, 6, 7, 9], f: 3, s: 2, pad: 'same', mode: undefined },
    { shape: [1, 9, 8, 16], f: 3, s: 1, pad: 'valid', mode: undefined },
    { shape: [2, 6, 5, 6], f: 3, s: 2, pad: 0, mode: 'ceil' },
  ] as const;
  for (const max of [true, false]) {
    it.each(cases.map((c) => [JSON.stringify(c), c] as const))(`${max ? 'maxPool' : 'avgPool'} %s`, async (_, c) => {
      const xv = seeded(c.shape.reduce((a: number, b: number) => a * b, 1), 21).map((v) => (max ? Math.round(v * 3) / 3 : v));
      const ref = poolReference(xv, [...c.shape], c.f, c.s, c.pad, c.mode, max, (len) => seeded(len, 22));
      const pool = (x: tf.Tensor) => (max ? tf.maxPool : tf.avgPool)(x as tf.Tensor4D, c.f, c.s, c.pad, c.mode);
      const [y, dx] = await runOn('wasm', () => {
        const x = tf.tensor(xv, [...c.shape]);
        return [pool(x), tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a), tf.tensor(ref.dy, ref.outShape))))(x)];
      });
      expect(relativeError(y, ref.y), 'forward').toBeLessThanOrEqual(1e-6);
      expect(relativeError(dx, ref.dx), 'gradient').toBeLessThanOrEqual(1e-5);
    });
  }
});

/**
 * tfjs' cpu ResizeNearestNeighborGrad is wrong for batch > 1 (4.22), so it
 * cannot be the reference there. Independent reference: resize an image
 * whose pixels hold their own flat index (forward resize agrees on every
 * backend), then add each dy value to the pixel it was copied from.
 */
describe('resizeNearestNeighbor and its gradient against an index-map reference', () => {
  const cases = [
    { shape: [2, 3, 4, 2], size: [6, 8], alignCorners: false, halfPixelCenters: false },
    { shape: [3, 4, 4, 1], size: [8, 8], alignCorners: false, halfPixelCenters: true },
    { shape: [2, 3, 5, 2], size: [7, 9], alignCorners: true, halfPixelCenters: false },
    { shape: [2, 5, 5, 3], size: [7, 12], alignCorners: false, halfPixelCenters: false },
    { shape: [2, 3, 4, 5], size: [9, 8], alignCorners: false, halfPixelCenters: true },
    { shape: [1, 4, 4, 2], size: [8, 8], alignCorners: true, halfPixelCenters: false },
    { shape: [2, 14, 14, 16], size: [28, 28], alignCorners: false, halfPixelCenters: false },
    { shape: [2, 3, 5, 6], size: [9, 10], alignCorners: false, halfPixelCenters: true },
    { shape: [1, 4, 3, 3], size: [4, 12], alignCorners: false, halfPixelCenters: false },
  ] as const;
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', async (_, c) => {
    const [n, h, w, ch] = c.shape;
    const inSize = n * h * w * ch;
    const outShape = [n, c.size[0], c.size[1], ch];
    const resize = (x: tf.Tensor) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [...c.size] as [number, number], c.alignCorners, c.halfPixelCenters);
    const [map] = await runOn('cpu', () => resize(tf.tensor(Float32Array.from({ length: inSize }, (_, i) => i), [...c.shape])));
    // the forward pass on wasm (compiled for integer factors, stock otherwise) copies the same pixels
    const [wasmMap] = await runOn('wasm', () => resize(tf.tensor(Float32Array.from({ length: inSize }, (_, i) => i), [...c.shape])));
    expect(Array.from(wasmMap)).toEqual(Array.from(map));
    const dy = seeded(map.length, 55);
    const expected = new Float32Array(inSize);
    map.forEach((src, i) => (expected[src] += dy[i]));
    const [grad] = await runOn('wasm', () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(resize(x), tf.tensor(dy, outShape))))(tf.tensor(seeded(inSize, 56), [...c.shape])));
    expect(relativeError(grad, expected)).toBeLessThanOrEqual(1e-5);
  });
});

/**
 * Our kernels release every intermediate: engine tensors, backend data ids
 * (where leaked TensorInfos would show) and the wasm heap stay flat across
 * repeated calls once warmed up.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import { setupWasm } from '../src/index.js';
import { ensureGradients } from './helpers/gradients.js';

beforeAll(async () => {
  await ensureGradients();
  await setupWasm();
});

const backend = () => tf.backend() as BackendWasm;
const heapBytes = () => (backend().wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.length;

function expectFlat(step: () => void, label: string) {
  for (let i = 0; i < 3; i++) step();
  const tensors = tf.memory().numTensors;
  const ids = backend().numDataIds();
  const heap = heapBytes();
  for (let i = 0; i < 10; i++) {
    step();
    expect(tf.memory().numTensors, `${label}: tensors after call ${i}`).toBe(tensors);
    expect(backend().numDataIds(), `${label}: data ids after call ${i}`).toBe(ids);
  }
  expect(heapBytes(), `${label}: wasm heap`).toBe(heap);
}

const x = () => tf.randomNormal([4, 12, 12, 3], 0, 1, 'float32', 1) as tf.Tensor4D;

it('Conv2DBackpropFilter (both strategies, NCHW) leaks nothing', () => {
  const input = x();
  const f = tf.randomNormal([3, 3, 3, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
  const conv = (s: number, pad: 'same' | 'valid') => () =>
    tf.tidy(() => {
      tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(input, w as tf.Tensor4D, s, pad)))(f).dataSync();
    });
  expectFlat(conv(1, 'same'), 'conv s1 same');
  expectFlat(conv(2, 'valid'), 'conv s2 valid');
  const wide = tf.randomNormal([3, 3, 3, 1], 0, 1, 'float32', 3) as tf.Tensor4D; // Co = 1 -> dy-as-input
  expectFlat(() => tf.tidy(() => void tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(input, w as tf.Tensor4D, 1, 'same')))(wide).dataSync()), 'dy-as-input');
  const dy = tf.randomNormal([4, 3, 12, 12], 0, 1, 'float32', 4);
  const nchw = tf.transpose(input, [0, 3, 1, 2]);
  const dyOut = tf.randomNormal([4, 5, 12, 12], 0, 1, 'float32', 5);
  expectFlat(() => {
    const r = tf.engine().runKernel('Conv2DBackpropFilter', { x: nchw, dy: dyOut }, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 5] } as unknown as tf.NamedAttrMap) as tf.Tensor;
    r.dispose();
  }, 'NCHW');
  tf.dispose([input, f, wide, dy, nchw, dyOut]);
});

it('pool gradients, rounded pools and transposed matMuls leak nothing', () => {
  const input = x();
  expectFlat(() => tf.tidy(() => void tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, 'same')))(input).dataSync()), 'maxPool grad');
  expectFlat(() => tf.tidy(() => void tf.grad((a: tf.Tensor) => tf.sum(tf.avgPool(a as tf.Tensor4D, 3, 2, 'same')))(input).dataSync()), 'avgPool grad');
  expectFlat(() => tf.tidy(() => void tf.maxPool(input, 3, 2, 0, 'ceil').dataSync()), 'maxPool ceil');
  expectFlat(() => tf.tidy(() => void tf.grad((a: tf.Tensor) => tf.sum(tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [24, 36])))(input).dataSync()), 'resize grad');
  const filter = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 6) as tf.Tensor4D;
  expectFlat(() => tf.tidy(() => void tf.grad((a: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, filter, 2, 'same')))(input).dataSync()), 'conv input grad');
  expectFlat(() => tf.tidy(() => void tf.conv2dTranspose(input, tf.ones([3, 3, 2, 3]) as tf.Tensor4D, [4, 24, 24, 2], 2, 'same').dataSync()), 'conv2dTranspose');
  filter.dispose();
  const a = tf.randomNormal([64, 48], 0, 1, 'float32', 7);
  const b = tf.randomNormal([32, 64], 0, 1, 'float32', 8);
  expectFlat(() => tf.tidy(() => void tf.matMul(a, b, true, true).dataSync()), 'matMul tA tB');
  expectFlat(() => tf.tidy(() => void tf.fused.matMul({ a, b, transposeA: true, transposeB: true, bias: tf.ones([32]), activation: 'relu' }).dataSync()), 'fused matMul');
  tf.dispose([input, a, b]);
});

it('clones share their data and free it with the last of them', () => {
  const ids = backend().numDataIds();
  const x = tf.tensor([1.5, -2, 3], [3]);
  const copy = tf.clone(x);
  expect(backend().numDataIds()).toBe(ids + 1); // shared, not copied
  x.dispose();
  expect(Array.from(copy.dataSync())).toEqual([1.5, -2, 3]);
  copy.dispose();
  expect(backend().numDataIds()).toBe(ids);
  const s = tf.tensor(['a', 'b']);
  const sc = tf.clone(s);
  expect(sc.arraySync()).toEqual(['a', 'b']);
  tf.dispose([s, sc]);
  expectFlat(() => tf.tidy(() => void tf.clone(tf.clone(tf.ones([64, 64]))).dataSync()), 'clone');
});

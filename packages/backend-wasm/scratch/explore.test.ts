import { test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

test('explore', async () => {
  await tf.setBackend('wasm');
  console.log('backend', tf.getBackend(), tf.getGradient('Conv2D') != null);
  const x = tf.randomNormal([2, 8, 8, 3]);
  const v = tf.randomNormal([2, 6]);
  const w = tf.randomNormal([6, 4]);
  const f = tf.randomNormal([3, 3, 3, 4]);
  const ft = tf.randomNormal([3, 3, 4, 3]);
  const ops: Record<string, () => tf.Tensor> = {
    matMul: () => tf.grad((a: tf.Tensor) => tf.matMul(a as tf.Tensor2D, w as tf.Tensor2D))(v),
    matMulW: () => tf.grad((b: tf.Tensor) => tf.matMul(v as tf.Tensor2D, b as tf.Tensor2D))(w),
    add: () => tf.grad((a: tf.Tensor) => tf.add(a, tf.ones([6])))(v),
    sum: () => tf.grad((a: tf.Tensor) => tf.sum(a, 1))(v),
    conv2dX: () => tf.grad((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 'same'))(x),
    conv2dF: () => tf.grad((a: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, a as tf.Tensor4D, 2, 'same'))(f),
    conv2dTX: () => tf.grad((a: tf.Tensor) => tf.conv2dTranspose(a as tf.Tensor4D, ft as tf.Tensor4D, [2, 16, 16, 4], 2, 'same'))(x),
    conv2dTF: () => tf.grad((a: tf.Tensor) => tf.conv2dTranspose(x as tf.Tensor4D, a as tf.Tensor4D, [2, 16, 16, 4], 2, 'same'))(ft),
    maxPool: () => tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'same'))(x),
    avgPool: () => tf.grad((a: tf.Tensor) => tf.avgPool(a as tf.Tensor4D, 2, 2, 'same'))(x),
    resizeNN: () => tf.grad((a: tf.Tensor) => tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [16, 16]))(x),
    reshape: () => tf.grad((a: tf.Tensor) => tf.reshape(a, [-1]))(x),
    relu: () => tf.grad((a: tf.Tensor) => tf.relu(a))(v),
    leakyRelu: () => tf.grad((a: tf.Tensor) => tf.leakyRelu(a, 0.2))(v),
    elu: () => tf.grad((a: tf.Tensor) => tf.elu(a))(v),
    sigmoid: () => tf.grad((a: tf.Tensor) => tf.sigmoid(a))(v),
    tanh: () => tf.grad((a: tf.Tensor) => tf.tanh(a))(v),
    softplus: () => tf.grad((a: tf.Tensor) => tf.softplus(a))(v),
    dropoutMul: () => tf.grad((a: tf.Tensor) => tf.mul(a, tf.step(tf.randomUniform([2, 6]).sub(0.5))))(v),
    dropout: () => tf.grad((a: tf.Tensor) => tf.dropout(a, 0.5))(v),
    log: () => tf.grad((a: tf.Tensor) => tf.log(tf.abs(a)))(v),
    exp: () => tf.grad((a: tf.Tensor) => tf.exp(a))(v),
    abs: () => tf.grad((a: tf.Tensor) => tf.abs(a))(v),
    maximum: () => tf.grad((a: tf.Tensor) => tf.maximum(a, 0.1))(v),
    square: () => tf.grad((a: tf.Tensor) => tf.square(a))(v),
    mean: () => tf.grad((a: tf.Tensor) => tf.mean(a))(v),
    sub: () => tf.grad((a: tf.Tensor) => tf.sub(a, 1))(v),
    neg: () => tf.grad((a: tf.Tensor) => tf.neg(a))(v),
    log1p: () => tf.grad((a: tf.Tensor) => tf.log1p(tf.abs(a)))(v),
    logSigmoid: () => tf.grad((a: tf.Tensor) => tf.logSigmoid(a))(v),
    minimum: () => tf.grad((a: tf.Tensor) => tf.minimum(a, 0.1))(v),
    div: () => tf.grad((a: tf.Tensor) => tf.div(a, 3))(v),
    sqrt: () => tf.grad((a: tf.Tensor) => tf.sqrt(tf.abs(a)))(v),
    clip: () => tf.grad((a: tf.Tensor) => tf.clipByValue(a, -0.5, 0.5))(v),
    sqdiff: () => tf.grad((a: tf.Tensor) => tf.squaredDifference(a, 0.5))(v),
    batchMatMul3: () => tf.grad((a: tf.Tensor) => tf.matMul(a.reshape([1,2,6]) as tf.Tensor3D, w.reshape([1,6,4]) as tf.Tensor3D))(v),
    pow: () => tf.grad((a: tf.Tensor) => tf.pow(a, 2))(v),
    relu6: () => tf.grad((a: tf.Tensor) => tf.relu6(a))(v),
    selu: () => tf.grad((a: tf.Tensor) => tf.selu(a))(v),
    prelu: () => tf.grad((a: tf.Tensor) => tf.prelu(a, tf.scalar(0.2)))(v),
    fusedMatMul: () => tf.grad((a: tf.Tensor) => tf.fused.matMul({a: a as tf.Tensor2D, b: w as tf.Tensor2D, bias: tf.ones([4]), activation: 'relu'}))(v),
    softmax: () => tf.grad((a: tf.Tensor) => tf.softmax(a))(v),
    logSoftmax: () => tf.grad((a: tf.Tensor) => tf.logSoftmax(a))(v),
    concat: () => tf.grad((a: tf.Tensor) => tf.concat([a, a], 1))(v),
    slice: () => tf.grad((a: tf.Tensor) => tf.slice(a, [0, 1], [2, 3]))(v),
    transpose: () => tf.grad((a: tf.Tensor) => tf.transpose(a))(v),
    tile: () => tf.grad((a: tf.Tensor) => tf.tile(a, [2, 1]))(v),
    upsampleBilinear: () => tf.grad((a: tf.Tensor) => tf.image.resizeBilinear(a as tf.Tensor4D, [16, 16]))(x),
    max: () => tf.grad((a: tf.Tensor) => tf.max(a, 1))(v),
    batchNorm: () => tf.grad((a: tf.Tensor) => tf.batchNorm(a, tf.zeros([6]), tf.ones([6])))(v),
    moments: () => tf.grad((a: tf.Tensor) => tf.moments(a, 0).variance)(v),
    cast: () => tf.grad((a: tf.Tensor) => tf.cast(a, 'float32'))(v),
    where: () => tf.grad((a: tf.Tensor) => tf.where(tf.greater(a, 0), a, tf.zerosLike(a)))(v),
    sign: () => tf.grad((a: tf.Tensor) => tf.sign(a))(v),
    depthwise: () => tf.grad((a: tf.Tensor) => tf.depthwiseConv2d(a as tf.Tensor4D, tf.ones([3,3,3,1]) as tf.Tensor4D, 1, 'same'))(x),
    depthwiseF: () => tf.grad((a: tf.Tensor) => tf.depthwiseConv2d(x as tf.Tensor4D, a as tf.Tensor4D, 1, 'same'))(tf.ones([3,3,3,1])),
    separable: () => tf.grad((a: tf.Tensor) => tf.separableConv2d(x as tf.Tensor4D, a as tf.Tensor4D, tf.ones([1,1,3,4]) as tf.Tensor4D, 1, 'same'))(tf.ones([3,3,3,1])),
    rsqrt: () => tf.grad((a: tf.Tensor) => tf.rsqrt(tf.abs(a)))(v),
    expm1: () => tf.grad((a: tf.Tensor) => tf.expm1(a))(v),
    erf: () => tf.grad((a: tf.Tensor) => tf.erf(a))(v),
    pad: () => tf.grad((a: tf.Tensor) => tf.pad(a, [[1,1],[1,1]]))(v),
    mirrorPad: () => tf.grad((a: tf.Tensor) => tf.mirrorPad(a, [[1,1],[1,1]], 'reflect'))(v),
    min: () => tf.grad((a: tf.Tensor) => tf.min(a))(v),
    prod: () => tf.grad((a: tf.Tensor) => tf.prod(a))(v),
    gather: () => tf.grad((a: tf.Tensor) => tf.gather(a, [1, 0]))(v),
    stack: () => tf.grad((a: tf.Tensor) => tf.stack([a, a]))(v),
    unstack: () => tf.grad((a: tf.Tensor) => tf.unstack(a)[0])(v),
    split: () => tf.grad((a: tf.Tensor) => tf.split(a, 2, 1)[0])(v),
    expandDims: () => tf.grad((a: tf.Tensor) => tf.expandDims(a))(v),
    squeeze: () => tf.grad((a: tf.Tensor) => tf.squeeze(tf.expandDims(a)))(v),
    reciprocal: () => tf.grad((a: tf.Tensor) => tf.reciprocal(a))(v),
    cumsum: () => tf.grad((a: tf.Tensor) => tf.cumsum(a, 1))(v),
    addN: () => tf.grad((a: tf.Tensor) => tf.addN([a, a]))(v),
    conv1d: () => tf.grad((a: tf.Tensor) => tf.conv1d(v.reshape([1,6,2]) as tf.Tensor3D, a as tf.Tensor3D, 1, 'same'))(tf.ones([3,2,2])),
    maxPool3: () => tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 3, 2, 'valid'))(x),
  };
  const failed: string[] = [];
  for (const [name, fn] of Object.entries(ops)) {
    try { const g = fn(); await g.data(); } catch (e) { failed.push(name + ': ' + String((e as Error).message).slice(0, 120)); }
  }
  console.log(failed.join('\n'));
});

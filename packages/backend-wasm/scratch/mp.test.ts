import { test } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { setupWasm } from '../src';
import { ensureGradients } from '../test/helpers/gradients';
test('mp', async () => {
  await ensureGradients();
  await setupWasm({ threads: false });
  for (const b of ['cpu', 'wasm']) {
    await tf.setBackend(b);
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25].map((v) => (v * 7) % 25), [1, 5, 5, 1]);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, 'same'), tf.reshape(tf.range(1, 10), [1, 3, 3, 1]))))(x);
    console.log(b, 'x', Array.from(x.dataSync()).join(','), '\n maxpool', Array.from(tf.maxPool(x as tf.Tensor4D, 2, 2, 'same').dataSync()).join(','), '\n grad', Array.from(g.dataSync()).join(','));
    const y = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const g2 = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [4, 4]), tf.reshape(tf.range(1, 17), [1, 4, 4, 1]))))(y);
    console.log(b, 'resize fwd', Array.from(tf.image.resizeNearestNeighbor(y as tf.Tensor4D, [4, 4]).dataSync()).join(','), 'grad', Array.from(g2.dataSync()).join(','));
    const ls = tf.grad((a: tf.Tensor) => tf.sum(tf.logSigmoid(a)))(tf.tensor1d([0.5, -1]));
    console.log(b, 'logSigmoid grad', ls.dataSync());
  }
});

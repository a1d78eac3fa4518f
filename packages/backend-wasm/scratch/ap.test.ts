import { test } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { setupWasm } from '../src';
import { ensureGradients } from '../test/helpers/gradients';
test('ap', async () => {
  await ensureGradients();
  await setupWasm({ threads: false });
  for (const b of ['cpu', 'wasm']) {
    await tf.setBackend(b);
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    console.log(b, 'fwd', Array.from(tf.avgPool(x, 2, 2, 'same').dataSync()).join(','), 'grad', Array.from as any, Array.from(tf.grad((a: tf.Tensor) => tf.sum(tf.avgPool(a as tf.Tensor4D, 2, 2, 'same')))(x).dataSync()).join(','));
  }
});

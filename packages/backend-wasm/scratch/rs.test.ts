import { test } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { setupWasm } from '../src';
import { ensureGradients } from '../test/helpers/gradients';
test('rs', async () => {
  await ensureGradients();
  await setupWasm({ threads: false });
  for (const [shape, size] of [[[1, 2, 2, 1], [4, 4]], [[2, 2, 2, 1], [4, 4]], [[1, 2, 2, 2], [4, 4]], [[1, 3, 3, 1], [6, 6]], [[1, 2, 3, 1], [4, 6]]] as const) {
    const res: string[] = [];
    for (const b of ['cpu', 'wasm']) {
      await tf.setBackend(b);
      const n = shape.reduce((a, c) => a * c, 1);
      const y = tf.tensor4d(Array.from({ length: n }, (_, i) => i + 1), shape as any);
      const m = shape[0] * size[0] * size[1] * shape[3];
      const g2 = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.image.resizeNearestNeighbor(a as tf.Tensor4D, size as any), tf.reshape(tf.range(1, m + 1), [shape[0], size[0], size[1], shape[3]]))))(y);
      res.push(b + ' ' + Array.from(g2.dataSync()).join(','));
    }
    console.log(JSON.stringify(shape), size, '\n ', res.join('\n  '));
  }
  for (const b of ['cpu', 'wasm']) {
    await tf.setBackend(b);
    const x = tf.tensor4d([-5, -3, -4, -1, -2, -6, -7, -8, -9], [1, 3, 3, 1]);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, 'same')))(x);
    console.log(b, 'mp fwd', Array.from(tf.maxPool(x as tf.Tensor4D, 2, 2, 'same').dataSync()).join(','), 'grad', Array.from(g.dataSync()).join(','));
    const g3 = tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 3, 1, 'same')))(x);
    console.log(b, 'mp3 s1 grad', Array.from(g3.dataSync()).join(','));
  }
});

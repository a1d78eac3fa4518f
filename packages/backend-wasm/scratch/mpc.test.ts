import { test } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { setupWasm } from '../src';
import { ensureGradients } from '../test/helpers/gradients';
test('mpc', async () => {
  await ensureGradients();
  await setupWasm({ threads: false });
  const xv = Array.from({ length: 30 }, (_, i) => ((i * 7) % 31) - 10);
  const H = 6, W = 5;
  for (const b of ['cpu', 'wasm']) {
    await tf.setBackend(b);
    const x = tf.tensor4d(xv, [1, H, W, 1]);
    const y = tf.maxPool(x, 3, 2, 0, 'ceil');
    const dyv = Array.from({ length: y.size }, (_, i) => i + 1);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 3, 2, 0, 'ceil'), tf.tensor(dyv, y.shape))))(x);
    console.log(b, y.shape, Array.from(y.dataSync()).join(','), 'grad', Array.from(g.dataSync()).join(','));
    if (b === 'cpu') {
      const dx = new Array(30).fill(0);
      for (let oh = 0; oh < y.shape[1]; oh++) for (let ow = 0; ow < y.shape[2]; ow++) {
        let best = -Infinity, at = -1;
        for (let h = oh * 2; h < Math.min(H, oh * 2 + 3); h++) for (let w = ow * 2; w < Math.min(W, ow * 2 + 3); w++) if (xv[h * W + w] > best) { best = xv[h * W + w]; at = h * W + w; }
        dx[at] += dyv[oh * y.shape[2] + ow];
      }
      console.log('true grad', dx.join(','));
    }
  }
});

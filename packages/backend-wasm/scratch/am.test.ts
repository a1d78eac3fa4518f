import { test } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { setupWasm } from '../src';
import { ensureGradients } from '../test/helpers/gradients';
test('am', async () => {
  await ensureGradients();
  await setupWasm({ threads: false });
  const xv = [-5, -3, -4, -1, -2, -6, -7, -8, -9, 0, 0, 0, 0, 2, 2, 1, 1, 1];
  for (const b of ['cpu', 'wasm']) {
    await tf.setBackend(b);
    const x = tf.tensor4d(xv, [2, 3, 3, 1]);
    for (const [k, s, p] of [[2, 2, 'same'], [3, 1, 'same'], [2, 1, 'valid']] as const) {
      const r = tf.engine().runKernel('MaxPoolWithArgmax', { x }, { filterSize: k, strides: s, pad: p, includeBatchInIndex: true }) as tf.Tensor[];
      console.log(b, k, s, p, 'vals', Array.from(r[0].dataSync()).join(','), 'idx', Array.from(r[1].dataSync()).join(','));
    }
    const sc = tf.scatterND(tf.tensor2d([[1], [1], [3]], [3, 1], 'int32'), tf.tensor1d([1, 2, 4]), [5]);
    console.log(b, 'scatter', sc.dataSync());
    try { const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.logSigmoid(tf.mul(a, 4)), tf.ones([2]))))(tf.tensor1d([0.5, -1])); console.log(b, 'ls', g.dataSync()); } catch (e) { console.log(b, 'ls err', (e as Error).stack?.split('\n').slice(0, 8).join('\n')); }
    try { const xs = [tf.tensor1d([0.5, -1])]; const g = tf.grads((...ys: tf.Tensor[]) => tf.sum(tf.logSigmoid(ys[0])))(xs); console.log(b, 'ls grads', g[0].dataSync()); } catch (e) { console.log(b, 'ls grads err', (e as Error).stack?.split('\n').slice(0, 12).join('\n')); }
  }
});

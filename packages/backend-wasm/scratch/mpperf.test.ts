import { test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setupWasm } from '../src';
import { maxPoolGradWasm } from '../src/kernels/MaxPoolGrad';
test('perf', async () => {
  await setupWasm({ threads: false, fastMatMul: false });
  const backend = tf.backend() as BackendWasm;
  const stockMod: any = await import('@tensorflow/tfjs-backend-wasm');
  for (const [xs, k, s] of [[[256, 28, 28, 16], 2, 2], [[256, 14, 14, 8], 2, 2], [[256, 28, 28, 16], 3, 1]] as const) {
    const x = tf.randomNormal(xs as any);
    const y = tf.maxPool(x as tf.Tensor4D, k, s, 'same');
    const dy = tf.randomNormal(y.shape);
    const attrs = { filterSize: k, strides: s, pad: 'same' as const };
    let t0 = performance.now();
    for (let i = 0; i < 5; i++) { const r = maxPoolGradWasm(backend, dy, x, attrs); backend.disposeData(r.dataId); }
    const ours = (performance.now() - t0) / 5;
    // stock avgPoolGrad C++ as a speed yardstick for a memory-bound pool gradient
    t0 = performance.now();
    for (let i = 0; i < 5; i++) { const r = tf.engine().runKernel('AvgPoolGrad', { dy, input: x }, attrs as any) as tf.Tensor; r.dispose(); }
    const avg = (performance.now() - t0) / 5;
    console.log(xs, k, s, 'ours maxPoolGrad', ours.toFixed(2), 'ms; stock AvgPoolGrad', avg.toFixed(2), 'ms');
  }
});

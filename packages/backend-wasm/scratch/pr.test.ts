import { test } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { setupWasm } from '../src';
test('pr', async () => {
  await setupWasm({ threads: false });
  for (const [mode, pad] of [['round', 1], ['ceil', 1], ['floor', 1], ['ceil', 0], [undefined, 1]] as const) {
    for (const op of ['max', 'avg']) {
      const r: string[] = [];
      for (const b of ['cpu', 'wasm']) {
        await tf.setBackend(b);
        const x = tf.tensor4d(Array.from({ length: 30 }, (_, i) => (i * 7) % 11), [1, 6, 5, 1]);
        const y = op === 'max' ? tf.maxPool(x, 3, 2, pad, mode as any) : tf.avgPool(x, 3, 2, pad, mode as any);
        r.push(`${b} ${y.shape} ${Array.from(y.dataSync()).map((v) => v.toFixed(2)).join(',')}`);
      }
      console.log(op, mode, pad, '\n ', r.join('\n  '));
    }
  }
});

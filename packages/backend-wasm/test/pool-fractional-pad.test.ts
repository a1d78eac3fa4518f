/**
 * Pooling whose output size is fractional: with an integer pad tfjs
 * truncates the size and the wasm kernels match the cpu backend whatever the
 * heap held before; a fractional pad (accepted by tfjs only without
 * dimRoundingMode) is refused by the forward kernels and both gradients.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { isHourglassError } from '@hourglass/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupWasm } from '../src/index.js';
import { relativeError, runOn, seeded } from './helpers/compare.js';

beforeAll(async () => {
  await setupWasm();
});

/** Leaves different values in freed wasm memory: the results of two different matMuls. */
function dirtyHeap(seed: number): void {
  tf.tidy(() => {
    const a = tf.tensor2d(seeded(64 * 48, seed), [64, 48]);
    const b = tf.tensor2d(seeded(48 * 64, seed + 1), [48, 64]);
    tf.matMul(a, b).dataSync();
  });
}

const x = () => tf.tensor4d(seeded(2 * 7 * 6 * 5, 3), [2, 7, 6, 5]);

describe('pooling with a fractional output size and no dimRoundingMode', () => {
  it.each([
    ['maxPool', 2, 2, 0],
    ['avgPool', 2, 2, 0],
    ['maxPool', 3, 2, 1],
    ['avgPool', 3, 2, 1],
    ['maxPool', 2, 3, 0],
    ['avgPool', 2, 3, 0],
  ] as const)('%s filter %i stride %i pad %i: the cpu result, whatever the heap held', async (op, f, s, pad) => {
    const run = () => tf[op](x(), f, s, pad);
    const [expected] = await runOn('cpu', run);
    for (const seed of [11, 12]) {
      await tf.setBackend('wasm');
      dirtyHeap(seed);
      const [actual] = await runOn('wasm', run);
      expect(relativeError(actual, expected)).toBeLessThanOrEqual(op === 'maxPool' ? 0 : 1e-6);
    }
  });

  it.each(['maxPool', 'avgPool'] as const)('%s with a fractional pad is refused, naming the op, shapes and dimRoundingMode', async (op) => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    for (const seed of [21, 22]) {
      dirtyHeap(seed);
      let caught: unknown;
      try {
        tf.tidy(() => tf[op](x(), 2, 2, 0.5));
      } catch (e) {
        caught = e;
      }
      expect(isHourglassError(caught)).toBe(true);
      const message = (caught as Error).message;
      expect(message).toContain(op === 'maxPool' ? 'MaxPool' : 'AvgPool');
      expect(message).toContain('pad 0.5 is fractional');
      expect(message).toContain('x [2,7,6,5]');
      expect(message).toContain('dimRoundingMode');
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['MaxPoolGrad', 'AvgPoolGrad'])('%s with a fractional pad is refused', async (kernel) => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const input = x();
    const dy = tf.ones([2, 4, 3, 5]);
    const inputs: tf.NamedTensorMap = kernel === 'MaxPoolGrad' ? { dy, input, output: dy } : { dy, input };
    expect(() => tf.engine().runKernel(kernel, inputs, { filterSize: 2, strides: 2, pad: 0.5 })).toThrow(
      new RegExp(`${kernel}: pad 0.5 is fractional \\(0.5\\) for x \\[2,7,6,5\\]`),
    );
    tf.dispose([input, dy]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * Tile on wasm (copied in runs of the heap) against the cpu backend: the
 * repeat of a recurrent code over steps, tiles of every axis, int32, a
 * zero-size result; and the gradient of a tile.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupWasm } from '../src/index.js';
import { expectSameOnWasmAndCpu, seeded } from './helpers/compare.js';
import { ensureGradients } from './helpers/gradients.js';

beforeAll(async () => {
  await ensureGradients();
  await setupWasm();
});

const CASES: Array<[string, number[], number[]]> = [
  ['repeat a code over steps', [4, 1, 5], [1, 7, 1]],
  ['innermost axis', [3, 4], [1, 3]],
  ['every axis', [2, 3, 2], [2, 2, 3]],
  ['first axis', [2, 5], [4, 1]],
  ['rank 1', [6], [3]],
  ['rank 4 (upsampling by tile)', [2, 3, 1, 4], [1, 1, 2, 1]],
];

describe('Tile on wasm matches cpu', () => {
  it.each(CASES)('%s', async (name, shape, reps) => {
    const v = seeded(shape.reduce((a, b) => a * b, 1), 5);
    await expectSameOnWasmAndCpu(() => {
      const x = tf.tensor(v, shape);
      const y = tf.tile(x, reps);
      const r = tf.tensor(seeded(y.size, 11), y.shape);
      return [y, tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.tile(t, reps), r)))(x)];
    }, 1e-6, name);
  });

  it('tiles int32 exactly and gives an empty result for a zero-size input', async () => {
    await tf.setBackend('wasm');
    const y = tf.tile(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), [2, 3]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    const empty = tf.tile(tf.zeros([0, 3]), [2, 2]);
    expect(empty.shape).toEqual([0, 6]);
    tf.dispose([y, empty]);
  });
});

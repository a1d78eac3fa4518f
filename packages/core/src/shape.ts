/** Small shape helpers shared across core. */
import { tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Number of entries of a shape (1 for []).
 *
 * @example
 * sizeOf([28, 28, 1]); // 784
 */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A batch [n, ...] viewed as rows [n, entries per sample]. */
export function rows(t: Tensor): Tensor {
  return tf.reshape(t, [t.shape[0], -1]);
}

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

/**
 * A batch [n, ...] viewed as rows [n, entries per sample]: `t` itself when
 * it is rank 2 already (a reshape is a kernel call of its own on some
 * backends), so the caller must not dispose the result separately.
 */
export function rows(t: Tensor): Tensor {
  return t.rank === 2 ? t : tf.reshape(t, [t.shape[0], -1]);
}

/** `t` with `shape`: `t` itself when it has that shape already. */
export function reshapeTo(t: Tensor, shape: readonly number[]): Tensor {
  return t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : tf.reshape(t, shape as number[]);
}

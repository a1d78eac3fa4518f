/**
 * Matrix products of the layers' own forward and backward passes, in the
 * form the active backend runs fastest (`backend-hints.ts`):
 *
 * - `rank2MatMul`: the backend's BatchMatMul takes rank-2 operands, so the
 *   kernel is called directly; tf.matMul would reshape both operands to
 *   rank 3 and the result back, three more kernel calls, each costing about
 *   as much as a small product.
 * - otherwise tf.matMul with its transpose flags. A backend whose kernel is
 *   slow with transposed operands fixes that in its own kernel.
 *
 * `columnSums` (bias gradients) is a product with a ones vector under
 * `columnSumByMatMul`, for a backend whose Sum over a leading axis is slow.
 *
 * Only for use inside a custom gradient (the layer supplies the gradient):
 * the direct kernel call is not meant to be differentiated by the tape.
 */
import type { NamedAttrMap, Tensor, Tensor1D, Tensor2D, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { activeHints } from '../backend-hints.js';

/** a·b, or with either operand transposed; both rank 2. */
export function matMul2d(a: Tensor2D, b: Tensor2D, transposeA = false, transposeB = false): Tensor2D {
  if (activeHints().rank2MatMul) {
    const attrs = { transposeA, transposeB } as unknown as NamedAttrMap;
    return tf.engine().runKernel(tf.BatchMatMul, { a, b }, attrs) as Tensor2D;
  }
  return tf.matMul(a, b, transposeA, transposeB);
}

/** Sums of `m` [n, k] over its rows: [k] (a bias gradient). */
export function columnSums(m: Tensor2D): Tensor1D {
  if (!activeHints().columnSumByMatMul) return tf.sum(m, 0);
  const [n, k] = m.shape;
  return tf.reshape(matMul2d(tf.ones([1, n]), m), [k]);
}

/** Images at least this large (height x width) are first summed over space by average pooling under `columnSumByMatMul`. */
const POOL_FIRST_PIXELS = 64;

/**
 * Sums of `t` over every axis but the last: [channels] (a bias gradient).
 * With `columnSumByMatMul`, an image batch [n, h, w, c] is first summed over
 * space by a global average pool (XNNPACK, times h w), and the batch then
 * by the ones-vector product: a product with the whole [n h w, c] matrix
 * would re-pack that operand on every call.
 */
export function sumToLastAxis(t: Tensor): Tensor1D {
  const k = t.shape[t.rank - 1];
  const [n, h, w] = t.shape as number[];
  if (activeHints().columnSumByMatMul && t.rank === 4 && h * w >= POOL_FIRST_PIXELS) {
    const spatial = tf.reshape(tf.avgPool(t as Tensor4D, [h, w], 1, 'valid'), [n, k]) as Tensor2D;
    return tf.mul(columnSums(spatial), h * w);
  }
  return columnSums((t.rank === 2 ? t : tf.reshape(t, [-1, k])) as Tensor2D);
}

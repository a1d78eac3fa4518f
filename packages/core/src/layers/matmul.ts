/**
 * Matrix products of the layers' own forward and backward passes, in the
 * form the active backend runs fastest (`backend-hints.ts`):
 *
 * - wasm: XNNPACK takes only untransposed operands, so transposes are
 *   explicit ops and the product is a plain matMul.
 * - native TensorFlow: transpose flags are free, and BatchMatMulV2 takes
 *   rank-2 operands, so the kernel is called directly; tf.matMul would
 *   reshape both operands to rank 3 and the result back, three more kernel
 *   calls, each costing about as much as a small product.
 *
 * Only for use inside a custom gradient (the layer supplies the gradient):
 * the direct kernel call is not meant to be differentiated by the tape.
 */
import type { NamedAttrMap, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { activeHints } from '../backend-hints.js';

/** a·b, or with either operand transposed; both rank 2. */
export function matMul2d(a: Tensor2D, b: Tensor2D, transposeA = false, transposeB = false): Tensor2D {
  const hints = activeHints();
  if (hints.rank2MatMul) {
    const attrs = { transposeA, transposeB } as unknown as NamedAttrMap;
    return tf.engine().runKernel(tf.BatchMatMul, { a, b }, attrs) as Tensor2D;
  }
  if (hints.explicitTranspose && (transposeA || transposeB))
    return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
  return tf.matMul(a, b, transposeA, transposeB);
}

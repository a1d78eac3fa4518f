/**
 * A fused loss kernel a backend may provide. Binary cross-entropy from
 * logits over plain ops is about eight elementwise kernels and a reduction
 * forward and two more backward, each a pass over the batch; a backend
 * that registers the kernel below computes it in one pass, and
 * `reconstruction.ts` calls it for unmasked batches while that backend is
 * active (unless its `fusedLoss` hint is false).
 *
 * `HourglassBceLogits`: inputs `{ z, x }` (logits and targets, [n, k]);
 * outputs `[sums, g]`: sums [n] = each row's sum of
 * max(z, 0) + log(1 + exp(-|z|)) - z x, and g [n, k] = sigmoid(z) - x (the
 * gradient before the per-sample scaling). Transcendentals within a few
 * float32 ulps; the sums may be accumulated in any order.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { fusedKernelActive } from '../backend-hints.js';

/**
 * The kernel name of fused binary cross-entropy from logits.
 *
 * @example
 * registerKernel({ kernelName: BCE_LOGITS_KERNEL, backendName: 'wasm', kernelFunc });
 */
export const BCE_LOGITS_KERNEL = 'HourglassBceLogits';

/**
 * `[sums, g]` of binary cross-entropy from logits `z` [n, k] against `x`
 * by the active backend's fused kernel, or undefined where it has none.
 *
 * @example
 * const fused = fusedBceLogits(z, x); // [row sums [n], sigmoid(z) - x] or undefined
 */
export function fusedBceLogits(z: Tensor, x: Tensor): [Tensor, Tensor] | undefined {
  if (!fusedKernelActive(BCE_LOGITS_KERNEL, 'fusedLoss')) return undefined;
  return tf.engine().runKernel(BCE_LOGITS_KERNEL, { z, x }) as [Tensor, Tensor];
}

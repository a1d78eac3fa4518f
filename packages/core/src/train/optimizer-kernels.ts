/**
 * Fused optimizer kernels a backend may provide. Core's optimizers are
 * written over plain ops: Adam's rule is about twelve elementwise kernels
 * per weight tensor, each a pass over memory and a call through the engine.
 * A backend that registers a kernel under the name below runs the whole
 * rule in one pass; `optimizers.ts` calls it while that backend is active
 * (unless its `fusedOptimizer` hint is false) and runs the plain ops
 * otherwise. A kernel must compute exactly the plain rule, float32 op by
 * float32 op in its order (no fused multiply-add), so that both paths give
 * the same weights.
 *
 * `HourglassAdam`: inputs `{ w, g, m, v }` (one shape), attrs
 * {@link AdamKernelAttrs}, outputs `[w', m', v']` (new tensors of w's
 * shape):
 *
 *   g  = g + w weightDecay            (only when weightDecay > 0)
 *   m' = m beta1 + g oneMinusBeta1
 *   v' = v beta2 + (g g) oneMinusBeta2
 *   w' = w - (m' learningRate) / (sqrt(v') + epsilon)
 *
 * every constant rounded to float32 (`learningRate` already carries the
 * bias corrections).
 */
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';

/**
 * The kernel name of the fused Adam update.
 *
 * @example
 * registerKernel({ kernelName: ADAM_KERNEL, backendName: 'wasm', kernelFunc: myAdam });
 */
export const ADAM_KERNEL = 'HourglassAdam';

/**
 * Attributes of the fused Adam kernel (numbers; the kernel rounds them to float32).
 *
 * @example
 * const attrs: AdamKernelAttrs = { learningRate: 1e-3, beta1: 0.9, oneMinusBeta1: 0.1, beta2: 0.999, oneMinusBeta2: 0.001, epsilon: 1e-8, weightDecay: 0 };
 */
export interface AdamKernelAttrs {
  learningRate: number;
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  epsilon: number;
  weightDecay: number;
}

/**
 * One fused Adam update: `[w', m', v']` (see the header).
 *
 * @example
 * const [w2, m2, v2] = fusedAdam({ w, g, m, v }, attrs);
 */
export function fusedAdam(inputs: { w: Tensor; g: Tensor; m: Tensor; v: Tensor }, attrs: AdamKernelAttrs): Tensor[] {
  return tf.engine().runKernel(ADAM_KERNEL, inputs, attrs as unknown as NamedAttrMap) as Tensor[];
}

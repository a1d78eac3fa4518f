/**
 * Fused bias-and-activation kernels a backend may provide. A layer's
 * `act(x + b)` is an Add and an activation kernel, and its gradient a
 * derivative, a product and a reduction for the bias: four or five passes
 * over the activation. A backend that registers both kernels below runs
 * each direction in one pass; `bias-activation.ts` and `dense-op.ts` call
 * them for the activations listed here while that backend is active
 * (unless its `fusedBiasActivation` hint is false).
 *
 * `HourglassBiasActivation`: inputs `{ x, bias }` (bias [k], x [..., k]),
 * attr `activation`; output y = act(x + bias), float32 op by float32 op as
 * the plain ops (relu: max(v, 0)).
 *
 * `HourglassBiasActivationGrad`: inputs `{ dy, y }`, attr `activation`;
 * outputs `[dPre, dBias]`: dPre = dy * act'(y) (relu: dy * step(y), as the
 * plain ops), dBias [k] = the sums of dPre over every axis but the last
 * (any summation order; the reference is an exact sum rounded once).
 */
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { fusedKernelActive } from '../backend-hints.js';

/**
 * Kernel names of the fused bias and activation, forward and gradient.
 *
 * @example
 * registerKernel({ kernelName: BIAS_ACTIVATION_KERNELS.forward, backendName: 'wasm', kernelFunc });
 */
export const BIAS_ACTIVATION_KERNELS = { forward: 'HourglassBiasActivation', gradient: 'HourglassBiasActivationGrad' } as const;

/** The activations the fused kernels take. */
export const FUSED_ACTIVATIONS = ['relu', 'linear'] as const;

/**
 * Whether `act(x + b)` runs as the active backend's fused kernels.
 *
 * @example
 * if (fusedBiasActivationActive('relu')) console.log('one pass each way');
 */
export function fusedBiasActivationActive(activation: string): boolean {
  return (
    (FUSED_ACTIVATIONS as readonly string[]).includes(activation) &&
    fusedKernelActive(BIAS_ACTIVATION_KERNELS.forward, 'fusedBiasActivation') &&
    fusedKernelActive(BIAS_ACTIVATION_KERNELS.gradient, 'fusedBiasActivation')
  );
}

/**
 * act(x + bias) by the fused kernel.
 *
 * @example
 * const y = fusedBiasActivation(x, bias, 'relu');
 */
export function fusedBiasActivation(x: Tensor, bias: Tensor, activation: string): Tensor {
  return tf.engine().runKernel(BIAS_ACTIVATION_KERNELS.forward, { x, bias }, { activation } as unknown as NamedAttrMap) as Tensor;
}

/**
 * `[dPre, dBias]` by the fused gradient kernel.
 *
 * @example
 * const [dPre, dBias] = fusedBiasActivationGrad(dy, y, 'relu');
 */
export function fusedBiasActivationGrad(dy: Tensor, y: Tensor, activation: string): [Tensor, Tensor] {
  return tf.engine().runKernel(BIAS_ACTIVATION_KERNELS.gradient, { dy, y }, { activation } as unknown as NamedAttrMap) as [Tensor, Tensor];
}

/**
 * Gathers this package's wasm kernels. Missing kernels are registered;
 * `BatchMatMul` and `_FusedMatMul` are re-registered as wrappers around the
 * stock ones (keeping their setup/dispose functions, which the engine calls
 * when the backend is set). Idempotent.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter';
import { isExplicitTransposeWrapper, withExplicitTransposes } from './explicit-transpose-matmul';

const ADDED: KernelConfig[] = [conv2DBackpropFilterConfig];
const WRAPPED = ['BatchMatMul', '_FusedMatMul'];

/** Options of {@link registerTrainingKernels}. */
export interface RegisterKernelsOptions {
  /** Wrap BatchMatMul/_FusedMatMul so transposed operands run on XNNPACK. Default true. */
  fastMatMul?: boolean;
}

/**
 * Registers the training kernels stock tfjs-backend-wasm lacks
 * (`Conv2DBackpropFilter`) and, unless `fastMatMul: false`, the fast
 * transposed matMul wrappers. `setupWasm()` calls it for you; call it
 * yourself only if you initialise the wasm backend without `setupWasm()`
 * (after importing `@tensorflow/tfjs-backend-wasm`, before `tf.setBackend`).
 *
 * @returns the kernel names this package provides on 'wasm' after the call.
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-wasm';
 * import { registerTrainingKernels } from '@hourglass/backend-wasm';
 * registerTrainingKernels(); // ['Conv2DBackpropFilter', 'BatchMatMul', '_FusedMatMul']
 * await tf.setBackend('wasm');
 * ```
 */
export function registerTrainingKernels(options: RegisterKernelsOptions = {}): string[] {
  const ours: string[] = [];
  for (const config of ADDED) {
    const current = getKernel(config.kernelName, 'wasm');
    if (current == null) registerKernel(config);
    if (current == null || current === config) ours.push(config.kernelName);
  }
  if (options.fastMatMul === false) return ours;
  for (const name of WRAPPED) {
    const stock = getKernel(name, 'wasm');
    if (stock == null) continue;
    if (!isExplicitTransposeWrapper(stock)) {
      unregisterKernel(name, 'wasm');
      registerKernel(withExplicitTransposes(stock));
    }
    ours.push(name);
  }
  return ours;
}

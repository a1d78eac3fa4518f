/**
 * Gathers this package's wasm kernels, in three groups:
 * - missing from stock tfjs-backend-wasm 4.22: registered;
 * - present but wrong: the stock kernel is replaced;
 * - wrong in one corner case (MaxPool/AvgPool with a rounded-up size):
 *   wrapped, the stock kernel still does all other cases;
 * - present but slow (BatchMatMul, _FusedMatMul with transposed operands):
 *   re-registered as wrappers around the stock kernels, keeping their
 *   setup/dispose functions (the engine calls those when 'wasm' is set).
 * Idempotent.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter';
import { withExplicitTransposes } from './explicit-transpose-matmul';
import { isOurs } from './marker';
import { maxPoolGradConfig } from './MaxPoolGrad';
import { withPoolRounding } from './pool-rounding';

const MISSING: KernelConfig[] = [conv2DBackpropFilterConfig];
const BROKEN: KernelConfig[] = [maxPoolGradConfig];
/** Stock kernels that are right except in one case, which a wrapper handles. */
const PATCHED: Record<string, (stock: KernelConfig) => KernelConfig> = {
  MaxPool: (stock) => withPoolRounding(stock, true),
  AvgPool: (stock) => withPoolRounding(stock, false),
};
const SLOW = ['BatchMatMul', '_FusedMatMul'];

/** Options of {@link registerTrainingKernels}. */
export interface RegisterKernelsOptions {
  /** Wrap BatchMatMul/_FusedMatMul so transposed operands run on XNNPACK. Default true. */
  fastMatMul?: boolean;
}

function replace(name: string, config: KernelConfig): void {
  if (getKernel(name, 'wasm') != null) unregisterKernel(name, 'wasm');
  registerKernel(config);
}

/**
 * Registers the kernels training needs on 'wasm' that stock
 * tfjs-backend-wasm 4.22 lacks (`Conv2DBackpropFilter`), fixes the ones it
 * gets wrong (`MaxPoolGrad`; `MaxPool`/`AvgPool` with `dimRoundingMode`)
 * and, unless `fastMatMul: false`, makes
 * transposed matMuls (every matMul gradient) take the XNNPACK path.
 * `setupWasm()` calls it for you; call it yourself only if you initialise
 * the wasm backend another way (after importing
 * `@tensorflow/tfjs-backend-wasm`).
 *
 * @returns the kernel names this package provides on 'wasm' after the call.
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-wasm';
 * import { registerTrainingKernels } from '@hourglass/backend-wasm';
 * registerTrainingKernels();
 * // ['Conv2DBackpropFilter', 'MaxPoolGrad', 'MaxPool', 'AvgPool', 'BatchMatMul', '_FusedMatMul']
 * await tf.setBackend('wasm');
 * ```
 */
export function registerTrainingKernels(options: RegisterKernelsOptions = {}): string[] {
  const ours: string[] = [];
  for (const config of MISSING) {
    const current = getKernel(config.kernelName, 'wasm');
    if (current == null) registerKernel(config);
    if (current == null || isOurs(current)) ours.push(config.kernelName);
  }
  for (const config of BROKEN) {
    if (!isOurs(getKernel(config.kernelName, 'wasm'))) replace(config.kernelName, config);
    ours.push(config.kernelName);
  }
  for (const [name, patch] of Object.entries(PATCHED)) {
    const stock = getKernel(name, 'wasm');
    if (stock == null) continue;
    if (!isOurs(stock)) replace(name, patch(stock));
    ours.push(name);
  }
  if (options.fastMatMul === false) return ours;
  for (const name of SLOW) {
    const stock = getKernel(name, 'wasm');
    if (stock == null) continue;
    if (!isOurs(stock)) replace(name, withExplicitTransposes(stock));
    ours.push(name);
  }
  return ours;
}

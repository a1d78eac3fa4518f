/**
 * Registers this package's kernels for tfjs-node's 'tensorflow' backend: in
 * place of stock ones (`constant-input-kernels.ts`), and core's fused
 * kernels, which stock tfjs-node has no counterpart for
 * (`bias-activation.ts`, `adam.ts`); or puts the stock ones back and removes core's.
 * Idempotent; the stock configs are kept the first time.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { constantInputKernels } from './constant-input-kernels.js';
import { biasActivationConfigs } from './bias-activation.js';
import { adamConfig } from './adam.js';

const BACKEND = 'tensorflow';
const stock = new Map<string, KernelConfig>();
let registered: KernelConfig[] | undefined;

function replace(config: KernelConfig): void {
  if (getKernel(config.kernelName, BACKEND) != null) unregisterKernel(config.kernelName, BACKEND);
  registerKernel(config);
}

/**
 * `true`: this package's kernels run (default after `setupNode`); `false`:
 * tfjs-node's stock kernels run again.
 *
 * @example
 * useNativeKernels(false); // compare against tfjs-node's own kernels
 */
export function useNativeKernels(on: boolean): void {
  if (!registered) {
    registered = [...constantInputKernels((name) => stock.get(name)), ...biasActivationConfigs, adamConfig];
    for (const { kernelName } of registered) {
      const found = getKernel(kernelName, BACKEND);
      if (found) stock.set(kernelName, found);
    }
  }
  for (const c of registered) {
    const current = getKernel(c.kernelName, BACKEND);
    if (on && current !== c) replace(c);
    if (!on && current === c) {
      unregisterKernel(c.kernelName, BACKEND);
      const s = stock.get(c.kernelName);
      if (s) registerKernel(s);
    }
  }
}

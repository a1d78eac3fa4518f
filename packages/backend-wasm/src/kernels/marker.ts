/**
 * Marks kernel functions as ours, so registration stays idempotent even when
 * both the ESM and the CJS build of this package are loaded (Symbol.for is
 * process-wide, like tfjs' kernel registry).
 */
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

const OURS = Symbol.for('@hourglass/backend-wasm:kernel');

export function markOurs(kernelFunc: KernelFunc): KernelFunc {
  Object.defineProperty(kernelFunc, OURS, { value: true });
  return kernelFunc;
}

export function isOurs(config: KernelConfig | undefined): boolean {
  return config != null && (config.kernelFunc as unknown as Record<symbol, unknown>)[OURS] === true;
}

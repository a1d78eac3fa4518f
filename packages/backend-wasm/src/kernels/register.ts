/**
 * Gathers this package's wasm kernels:
 * - missing from stock tfjs-backend-wasm 4.22: registered;
 * - present but wrong: the stock kernel is replaced;
 * - wrong in one corner case (MaxPool/AvgPool with a rounded-up size):
 *   wrapped, the stock kernel still does all other cases;
 * - present but slow (unless `fastKernels: false`): Conv2DBackpropInput is
 *   replaced; BatchMatMul, _FusedMatMul, ResizeNearestNeighbor(Grad) and
 *   Identity, Slice, Unpack, SplitV, Transpose and Tile are re-registered as wrappers that
 *   take the fast path in the common cases and call the stock kernel otherwise, keeping its
 *   setup/dispose functions (the engine calls those when 'wasm' is set);
 * - fused kernels of core's contract, for which stock tfjs has no
 *   counterpart (unless `fastKernels: false`): core's Adam update
 *   (`HourglassAdam`) and a layer's bias and activation, forward and
 *   gradient (`HourglassBiasActivation`, `HourglassBiasActivationGrad`)
 *   and binary cross-entropy from logits (`HourglassBceLogits`), which core
 *   then calls.
 * Idempotent.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { avgPoolGradConfig } from './AvgPoolGrad.js';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter.js';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput.js';
import { adamConfig } from './optimizer/adam.js';
import { biasActivationConfigs } from './bias/bias-activation.js';
import { bceLogitsConfig } from './loss/bce-logits.js';
import { withExplicitTransposes } from './explicit-transpose-matmul.js';
import { withSharedIdentity } from './identity.js';
import { isOurs } from './marker.js';
import { maxPoolGradConfig } from './MaxPoolGrad.js';
import { withPoolRounding } from './pool/rounding-forward.js';
import { withBlockSumResizeGrad } from './resize/nearest-grad.js';
import { withCopyUpsample } from './resize/nearest.js';
import { withHeapSlice, withHeapSplit, withHeapUnpack } from './slice/heap-slice.js';
import { withBlockedTranspose } from './transpose/blocked.js';
import { withHeapTile } from './tile/heap-tile.js';

const MISSING: KernelConfig[] = [conv2DBackpropFilterConfig];
const BROKEN: KernelConfig[] = [maxPoolGradConfig, avgPoolGradConfig];
/** Stock kernels that are right except in one case, which a wrapper handles. */
const PATCHED: Record<string, (stock: KernelConfig) => KernelConfig> = {
  MaxPool: (stock) => withPoolRounding(stock, true),
  AvgPool: (stock) => withPoolRounding(stock, false),
};
/** Correct but slow stock kernels: replaced outright. */
const SLOW: KernelConfig[] = [conv2DBackpropInputConfig];
/** Core's fused kernels (`ADAM_KERNEL`, `BIAS_ACTIVATION_KERNELS`, `BCE_LOGITS_KERNEL`): one pass where core's plain ops make many. */
const FUSED: KernelConfig[] = [adamConfig, ...biasActivationConfigs, bceLogitsConfig];
/** Correct but slow in their common cases: wrapped, the stock kernel does the rest. */
const SLOW_CASES: Record<string, (stock: KernelConfig) => KernelConfig> = {
  BatchMatMul: withExplicitTransposes,
  _FusedMatMul: withExplicitTransposes,
  ResizeNearestNeighbor: withCopyUpsample,
  ResizeNearestNeighborGrad: withBlockSumResizeGrad,
  Identity: withSharedIdentity,
  Slice: withHeapSlice,
  Unpack: withHeapUnpack,
  SplitV: withHeapSplit,
  Transpose: withBlockedTranspose,
  Tile: withHeapTile,
};

/**
 * Options of {@link registerTrainingKernels}.
 *
 * @example
 * ```ts
 * registerTrainingKernels({ fastKernels: false }); // only fix what is missing or wrong
 * ```
 */
export interface RegisterKernelsOptions {
  /**
   * Also replace stock kernels that are correct but slow: Conv2DBackpropInput
   * and ResizeNearestNeighbor(Grad) (scalar loops in 4.22), transposed
   * BatchMatMul/_FusedMatMul (a naive loop instead of XNNPACK), Identity
   * (a copy where sharing the data does) and Slice, Unpack and SplitV (each
   * slice copied the whole input first), Transpose of the last two axes
   * (slow on power-of-two shapes), Tile (an index computed per element);
   * and register core's fused Adam update, bias + activation and binary
   * cross-entropy. Default true.
   */
  fastKernels?: boolean;
}

function replace(name: string, config: KernelConfig): void {
  if (getKernel(name, 'wasm') != null) unregisterKernel(name, 'wasm');
  registerKernel(config);
}

/**
 * Registers the kernels training needs on 'wasm' that stock
 * tfjs-backend-wasm 4.22 lacks (`Conv2DBackpropFilter`), fixes the ones it
 * gets wrong (`MaxPoolGrad`, `AvgPoolGrad`; `MaxPool`/`AvgPool` with
 * `dimRoundingMode`) and, unless `fastKernels: false`, swaps slow ones for
 * XNNPACK-based ones (`Conv2DBackpropInput`, transposed matMuls as in every
 * matMul gradient, `ResizeNearestNeighborGrad` for integer factors).
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
 * // ['Conv2DBackpropFilter', 'MaxPoolGrad', 'AvgPoolGrad', 'MaxPool', 'AvgPool',
 * //  'Conv2DBackpropInput', 'HourglassAdam', 'HourglassBiasActivation', 'HourglassBiasActivationGrad', 'HourglassBceLogits', 'BatchMatMul', '_FusedMatMul', 'ResizeNearestNeighbor', 'ResizeNearestNeighborGrad', 'Identity',
 * //  'Slice', 'Unpack', 'SplitV', 'Transpose', 'Tile']
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
  if (options.fastKernels === false) return ours;
  for (const config of [...SLOW, ...FUSED]) {
    if (!isOurs(getKernel(config.kernelName, 'wasm'))) replace(config.kernelName, config);
    ours.push(config.kernelName);
  }
  for (const [name, wrap] of Object.entries(SLOW_CASES)) {
    const stock = getKernel(name, 'wasm');
    if (stock == null) continue;
    if (!isOurs(stock)) replace(name, wrap(stock));
    ours.push(name);
  }
  return ours;
}

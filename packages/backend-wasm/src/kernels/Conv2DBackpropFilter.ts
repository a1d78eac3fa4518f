/**
 * `Conv2DBackpropFilter` for the wasm backend: the filter gradient of
 * `tf.conv2d` and of `tf.conv2dTranspose`, which stock tfjs-backend-wasm
 * 4.22 lacks. The arithmetic is one XNNPACK convolution (see
 * filter-grad/x-as-input.ts and filter-grad/dy-as-input.ts) or, for layers
 * with one input or output channel, a compiled direct kernel
 * (filter-grad/direct.ts), as a cost model picks; NCHW inputs are
 * transposed to NHWC first. Besides the standard attributes it accepts an
 * optional `dilations` attribute (tfjs' conv2d gradient itself rejects
 * dilation > 1, so only direct `runKernel` callers can use it).
 */
import { Conv2DBackpropFilter, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { chooseFilterGradStrategy, type FilterGradStrategy } from './filter-grad/choose.js';
import { filterGradDirect, filterGradKernels } from './filter-grad/direct.js';
import { filterGradDyAsInput } from './filter-grad/dy-as-input.js';
import { filterGradGeometry, type FilterGradAttrs, type FilterGradGeometry } from './filter-grad/geometry.js';
import { filterGradXAsInput } from './filter-grad/x-as-input.js';
import { markOurs } from './marker.js';
import { release, transpose, zeros } from './wasm-ops.js';
import { WasmBackendError } from '../errors.js';

const STRATEGIES: Record<
  FilterGradStrategy,
  (backend: BackendWasm, x: TensorInfo, dy: TensorInfo, g: FilterGradGeometry) => TensorInfo
> = {
  'x-as-input': filterGradXAsInput,
  'dy-as-input': filterGradDyAsInput,
  direct: filterGradDirect,
};

/**
 * Computes dW with a given strategy, or the cheaper one when omitted.
 * Exported for tests and benchmarks; the registered kernel always chooses.
 */
export function conv2DBackpropFilterWasm(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  attrs: FilterGradAttrs,
  strategy?: FilterGradStrategy,
): TensorInfo {
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new WasmBackendError(`Conv2DBackpropFilter (wasm) supports float32 only, got ${x.dtype} and ${dy.dtype}.`);
  }
  const g = filterGradGeometry(x.shape, dy.shape, attrs);
  if (g.batch * g.outHeight * g.outWidth === 0 || g.inHeight * g.inWidth === 0) {
    return zeros(backend, attrs.filterShape);
  }
  const channelsFirst = attrs.dataFormat === 'NCHW';
  const xNhwc = channelsFirst ? transpose(backend, x, [0, 2, 3, 1]) : x;
  const dyNhwc = channelsFirst ? transpose(backend, dy, [0, 2, 3, 1]) : dy;
  try {
    return STRATEGIES[strategy ?? chooseFilterGradStrategy(g, filterGradKernels(backend) !== null)](backend, xNhwc, dyNhwc, g);
  } finally {
    if (channelsFirst) release(backend, xNhwc, dyNhwc);
  }
}

/** Kernel config registered by `registerTrainingKernels()`. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: markOurs(({ inputs, backend, attrs }) =>
    conv2DBackpropFilterWasm(
      backend as BackendWasm,
      inputs.x as TensorInfo,
      inputs.dy as TensorInfo,
      attrs as unknown as FilterGradAttrs,
    ),
  ),
};

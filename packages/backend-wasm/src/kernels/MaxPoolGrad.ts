/**
 * `MaxPoolGrad` for the wasm backend, replacing the stock kernel, which is
 * wrong in tfjs-backend-wasm 4.22: it starts each window's running maximum at
 * FLT_MIN (the smallest positive float) instead of -Infinity, so a window
 * whose maximum is <= 0 routes its gradient to the wrong pixel, and ties go
 * to the last maximum where tfjs' other backends and TensorFlow use the
 * first. (Stock `MaxPoolWithArgmax` has the same defect; training does not
 * use it.)
 *
 * For every output pixel and channel the first strict maximum of the window
 * (padding never counts) receives dy. Compiled WebAssembly SIMD, four
 * channels a step (`pool/pool-kernels.wat`); the same walk in JS where that
 * module cannot run.
 */
import { MaxPoolGrad, type KernelConfig, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from './marker.js';
import { forEachWindow, poolGradBuffers } from './pool/windows.js';
import { poolGradGeometry } from './pool/geometry.js';
import { heapOffset } from './compiled-module.js';
import { geometryArgs, poolKernels } from './pool/pool-kernels-module.js';

/** dx for x: [N,H,W,C] given dy: [N,Ho,Wo,C] (NHWC). */
export function maxPoolGradWasm(
  backend: BackendWasm,
  dy: TensorInfo,
  input: TensorInfo,
  attrs: MaxPoolGradAttrs,
): TensorInfo {
  const compiled = poolKernels(backend);
  if (compiled) {
    const geometry = geometryArgs(poolGradGeometry(MaxPoolGrad, input.shape, dy.shape, attrs));
    const out = backend.makeOutput(input.shape, 'float32');
    compiled.maxPoolGrad(heapOffset(backend, input), heapOffset(backend, dy), heapOffset(backend, out), ...geometry);
    return out;
  }
  const { info, out, dx, x, g } = poolGradBuffers(MaxPoolGrad, backend, dy, input, attrs);
  const { inHeight, inWidth, inChannels: channels } = info;
  const rowStride = inWidth * channels;

  forEachWindow(info, (b, o, h0, h1, w0, w1) => {
    const corner = ((b * inHeight + h0) * inWidth + w0) * channels;
    for (let c = 0; c < channels; c++) {
      let best = Number.NEGATIVE_INFINITY;
      let at = -1;
      for (let h = h0, row = corner + c; h < h1; h++, row += rowStride) {
        for (let w = w0, i = row; w < w1; w++, i += channels) {
          if (x[i] > best) {
            best = x[i];
            at = i;
          }
        }
      }
      if (at >= 0) dx[at] += g[o + c];
    }
  });
  return out;
}

/** Kernel config registered by `registerTrainingKernels()` (replaces the stock one). */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: markOurs(({ inputs, backend, attrs }) =>
    maxPoolGradWasm(
      backend as BackendWasm,
      inputs.dy as TensorInfo,
      inputs.input as TensorInfo,
      attrs as unknown as MaxPoolGradAttrs,
    ),
  ),
};

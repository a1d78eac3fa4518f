/**
 * `MaxPoolGrad` for the wasm backend, replacing the stock kernel, which is
 * wrong in tfjs-backend-wasm 4.22: it starts each window's running maximum at
 * FLT_MIN (the smallest positive float) instead of -Infinity, so a window
 * whose maximum is <= 0 routes its gradient to the wrong pixel (and ties go
 * to the last maximum, where tfjs' cpu/webgl/tensorflow backends use the
 * first). Stock `MaxPoolWithArgmax` has the same defect.
 *
 * This is a single pass over the window positions in plain JS, reading and
 * writing the wasm heap directly: for every output pixel the first maximum
 * (strictly greater wins, padding never wins) receives dy. The work is
 * memory-bound (a few comparisons per input element), so no XNNPACK kernel
 * would help; it runs at roughly the speed of the stock kernel.
 */
import { backend_util, MaxPoolGrad, type KernelConfig, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from './marker';

/** dx for x: [N,H,W,C], dy: [N,Ho,Wo,C] (NHWC). */
export function maxPoolGradWasm(
  backend: BackendWasm,
  dy: TensorInfo,
  input: TensorInfo,
  attrs: MaxPoolGradAttrs,
): TensorInfo {
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const out = backend.makeOutput(input.shape, 'float32');
  // Views are taken after the allocation: growing wasm memory invalidates older ones.
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);

  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - info.padInfo.top;
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - info.padInfo.left;
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let h = Math.max(0, h0); h < Math.min(inHeight, h0 + filterHeight); h++) {
          for (let w = Math.max(0, w0); w < Math.min(inWidth, w0 + filterWidth); w++) {
            const base = ((b * inHeight + h) * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        const o = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) if (where[c] >= 0) dx[where[c]] += g[o + c];
      }
    }
  }
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

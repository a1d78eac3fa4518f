/**
 * `AvgPoolGrad` for the wasm backend, replacing the stock kernel. tfjs'
 * avgPool divides each window by the number of real (non-padding) pixels,
 * but its gradient, on wasm and cpu alike (4.22), spreads dy with a fixed
 * 1/(fh*fw), so pixels next to 'same' padding get too little gradient. This
 * kernel is consistent with the forward pass (as TensorFlow's AvgPoolGrad
 * is): every real pixel of a window receives dy / count. Compiled
 * WebAssembly SIMD (`pool/pool-kernels.wat`); the same walk in JS where that
 * module cannot run.
 */
import { AvgPoolGrad, type AvgPoolGradAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from './marker.js';
import { forEachWindow, poolGradBuffers } from './pool/windows.js';
import { poolGradGeometry } from './pool/geometry.js';
import { heapOffset } from './compiled-module.js';
import { geometryArgs, poolKernels } from './pool/pool-kernels-module.js';

/** dx for x: [N,H,W,C] given dy: [N,Ho,Wo,C] (NHWC). */
export function avgPoolGradWasm(
  backend: BackendWasm,
  dy: TensorInfo,
  input: TensorInfo,
  attrs: AvgPoolGradAttrs,
): TensorInfo {
  const compiled = poolKernels(backend);
  if (compiled) {
    const geometry = geometryArgs(poolGradGeometry(AvgPoolGrad, input.shape, dy.shape, attrs));
    const out = backend.makeOutput(input.shape, 'float32');
    compiled.avgPoolGrad(heapOffset(backend, dy), heapOffset(backend, out), ...geometry);
    return out;
  }
  const { info, out, dx, g } = poolGradBuffers(AvgPoolGrad, backend, dy, input, attrs);
  const { inHeight, inWidth, inChannels: channels } = info;

  forEachWindow(info, (b, o, h0, h1, w0, w1) => {
    const count = (h1 - h0) * (w1 - w0);
    if (count <= 0) return;
    const scale = 1 / count;
    for (let h = h0; h < h1; h++) {
      for (let w = w0; w < w1; w++) {
        const i = ((b * inHeight + h) * inWidth + w) * channels;
        for (let c = 0; c < channels; c++) dx[i + c] += g[o + c] * scale;
      }
    }
  });
  return out;
}

/** Kernel config registered by `registerTrainingKernels()` (replaces the stock one). */
export const avgPoolGradConfig: KernelConfig = {
  kernelName: AvgPoolGrad,
  backendName: 'wasm',
  kernelFunc: markOurs(({ inputs, backend, attrs }) =>
    avgPoolGradWasm(
      backend as BackendWasm,
      inputs.dy as TensorInfo,
      inputs.input as TensorInfo,
      attrs as unknown as AvgPoolGradAttrs,
    ),
  ),
};

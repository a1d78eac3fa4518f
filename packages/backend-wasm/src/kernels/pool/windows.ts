/**
 * The walk both pooling-gradient kernels share: every output window of an
 * NHWC pool, clipped to the real (non-padding) input rows and columns.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { poolGradGeometry, type PoolGradAttrs, type PoolInfo } from './geometry.js';

/** One window: its batch, the offset of its output pixel, and the input rows [h0, h1) and columns [w0, w1). */
export type WindowVisitor = (b: number, outOffset: number, h0: number, h1: number, w0: number, w1: number) => void;

export function forEachWindow(info: PoolInfo, visit: WindowVisitor): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * info.strideHeight - info.padInfo.top;
      const h0 = Math.max(0, top);
      const h1 = Math.min(inHeight, top + info.filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * info.strideWidth - info.padInfo.left;
        visit(b, ((b * outHeight + oh) * outWidth + ow) * channels, h0, h1, Math.max(0, left), Math.min(inWidth, left + info.filterWidth));
      }
    }
  }
}

/**
 * The geometry and heap views a pooling gradient works on: a zeroed dx the
 * shape of the pool's input, and views of dy and the input. Views are taken
 * after the allocation: growing wasm memory invalidates older ones.
 */
export function poolGradBuffers(kernel: string, backend: BackendWasm, dy: TensorInfo, input: TensorInfo, attrs: PoolGradAttrs) {
  const info = poolGradGeometry(kernel, input.shape, dy.shape, attrs);
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  return { info, out, dx, x: backend.typedArrayFromHeap(input) as Float32Array, g: backend.typedArrayFromHeap(dy) as Float32Array };
}

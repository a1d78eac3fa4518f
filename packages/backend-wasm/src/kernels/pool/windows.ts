/**
 * The walk both pooling-gradient kernels share: every output window of an
 * NHWC pool, clipped to the real (non-padding) input rows and columns.
 */
import type { PoolInfo } from './geometry';

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

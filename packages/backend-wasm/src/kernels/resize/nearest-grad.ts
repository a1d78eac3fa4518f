/**
 * Faster `ResizeNearestNeighborGrad` for integer upsampling factors, the
 * UpSampling2D case: with alignCorners off every output pixel (r, c) copies
 * input pixel (floor(r/f), floor(c/g)), with or without halfPixelCenters, so
 * the gradient is the sum of dy over non-overlapping f x g blocks. That is a
 * depthwise convolution of dy with an all-ones f x g filter and stride
 * (f, g), which XNNPACK runs in one pass (the stock kernel is a scalar loop,
 * 5-10x slower). Other cases go to the stock kernel, which is correct.
 */
import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from '../marker.js';
import { release, runWasm } from '../wasm-ops.js';

export function withBlockSumResizeGrad(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const images = args.inputs.images as TensorInfo;
    const dy = args.inputs.dy as TensorInfo;
    const { alignCorners } = (args.attrs ?? {}) as { alignCorners?: boolean };
    const [, h, w, channels] = images.shape;
    const [, oh, ow] = dy.shape;
    if (alignCorners || dy.dtype !== 'float32' || oh % h !== 0 || ow % w !== 0) return stock.kernelFunc(args);
    const f = oh / h;
    const g = ow / w;
    const backend = args.backend as BackendWasm;
    const ones = backend.makeOutput([f, g, channels, 1], 'float32');
    backend.typedArrayFromHeap(ones).fill(1);
    const dx = runWasm(
      backend,
      'DepthwiseConv2dNative',
      { x: dy, filter: ones },
      { strides: [f, g], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC' },
    );
    release(backend, ones);
    return dx;
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

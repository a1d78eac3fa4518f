/**
 * Faster `ResizeNearestNeighbor` for integer upsampling factors without
 * alignCorners (the UpSampling2D case; half-pixel centers give the same
 * pixels there): every output pixel copies input pixel (r / f, c / g), so
 * the compiled kernel of `upsample.wat` writes each input pixel g times and
 * copies whole rows f - 1 times. The stock kernel (a scalar loop with
 * floating-point source coordinates per pixel) does every other case, and
 * this one too where the compiled module cannot run.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { compiledModule, heapOffset } from '../compiled-module.js';
import { markOurs } from '../marker.js';
import { WASM_BASE64 } from './upsample-wasm.js';

interface UpsampleExports {
  upsampleNearest(x: number, y: number, n: number, h: number, w: number, c: number, f: number, g: number): void;
}

export function withCopyUpsample(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const images = args.inputs.images as TensorInfo;
    const { alignCorners, size } = (args.attrs ?? {}) as { alignCorners?: boolean; size: [number, number] };
    const [n, h, w, channels] = images.shape;
    const [oh, ow] = size;
    const backend = args.backend as BackendWasm;
    const compiled = compiledModule<UpsampleExports>(backend, WASM_BASE64);
    if (!compiled || alignCorners || images.dtype !== 'float32' || oh % h !== 0 || ow % w !== 0 || n * h * w * channels === 0) {
      return stock.kernelFunc(args);
    }
    const out = backend.makeOutput([n, oh, ow, channels], 'float32');
    compiled.upsampleNearest(heapOffset(backend, images), heapOffset(backend, out), n, h, w, channels, oh / h, ow / w);
    return out;
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

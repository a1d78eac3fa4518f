/**
 * Stock wasm `MaxPool` / `AvgPool` pass tfjs' output size to XNNPACK, which
 * always rounds the output size down. With a numeric `pad` and
 * `dimRoundingMode: 'round' | 'ceil'` tfjs' size can be one larger, and the
 * extra row/column is left as whatever was in memory. This wrapper keeps the
 * stock (XNNPACK) kernel for every other case and computes exactly those
 * rare shapes with tfjs' semantics (padding is ignored, averages divide by
 * the number of real pixels): compiled WebAssembly SIMD
 * (`pool-kernels.wat`), or a plain loop over the heap where that module
 * cannot run. A fractional pad is refused (see `integer-pad.ts`).
 */
import { backend_util, util, type AvgPoolAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from '../marker.js';
import { heapOffset } from '../compiled-module.js';
import { geometryArgs, poolKernels } from './pool-kernels-module.js';
import { assertIntegerPad } from './integer-pad.js';

type Info = ReturnType<typeof backend_util.computePool2DInfo>;
/** MaxPoolAttrs has the same fields. */
type PoolAttrs = AvgPoolAttrs;

function poolInfo(x: TensorInfo, attrs: PoolAttrs, rounding: PoolAttrs['dimRoundingMode']): Info {
  const shape = x.shape as [number, number, number, number];
  return backend_util.computePool2DInfo(shape, attrs.filterSize, attrs.strides, 1, attrs.pad, rounding);
}

function pool(backend: BackendWasm, x: TensorInfo, info: Info, max: boolean): TensorInfo {
  const out = backend.makeOutput(info.outShape, 'float32');
  const compiled = poolKernels(backend);
  if (compiled) {
    compiled.pool(heapOffset(backend, x), heapOffset(backend, out), max ? 1 : 0, ...geometryArgs(info));
    return out;
  }
  const y = backend.typedArrayFromHeap(out) as Float32Array;
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * info.strideHeight - info.padInfo.top;
      const h1 = Math.min(inHeight, h0 + info.filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * info.strideWidth - info.padInfo.left;
        const w1 = Math.min(inWidth, w0 + info.filterWidth);
        const o = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          let acc = max ? Number.NEGATIVE_INFINITY : 0;
          let count = 0;
          for (let h = Math.max(0, h0); h < h1; h++) {
            for (let w = Math.max(0, w0); w < w1; w++) {
              const v = xs[((b * inHeight + h) * inWidth + w) * channels + c];
              acc = max ? (v > acc ? v : acc) : acc + v;
              count++;
            }
          }
          y[o + c] = max ? acc : acc / count;
        }
      }
    }
  }
  return out;
}

/** Wraps stock MaxPool (`max`) or AvgPool so rounded-up output sizes are right. */
export function withPoolRounding(stock: KernelConfig, max: boolean): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const attrs = args.attrs as unknown as PoolAttrs;
    assertIntegerPad(max ? 'MaxPool' : 'AvgPool', x.shape, attrs);
    if (attrs.dimRoundingMode == null || x.dtype !== 'float32') return stock.kernelFunc(args);
    const rounded = poolInfo(x, attrs, attrs.dimRoundingMode);
    const floored = poolInfo(x, attrs, 'floor');
    if (util.arraysEqual(rounded.outShape, floored.outShape)) return stock.kernelFunc(args);
    return pool(args.backend as BackendWasm, x, rounded, max);
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

/**
 * `Slice`, `Unpack` and `SplitV` that read their input in place. The stock
 * wasm kernels (4.22) read the input with `readSync`, which copies the
 * WHOLE tensor out of the heap for every slice taken: unstacking a
 * [steps, batch, width] tensor into its steps copied it once per step, so a
 * recurrent layer's backward pass over 48 steps spent seconds copying.
 * These read a view of the heap and copy only the slice, one contiguous run
 * (the trailing axes taken whole, and the first axis cut) at a time.
 * Strings (no heap data) still go to the stock kernels.
 */
import { backend_util, slice_util, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from '../marker.js';

/**
 * One view of the whole heap in `x`'s element type, and where `x` and `out`
 * start in it (in elements), for copies within the heap: no view made per
 * copied run. Call after `makeOutput`, which may grow (and move) the heap.
 */
export function heapViews(backend: BackendWasm, x: TensorInfo, out: TensorInfo): { heap: Float32Array; srcBase: number; dstBase: number } {
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const heap = new (src.constructor as Float32ArrayConstructor)(src.buffer as ArrayBuffer);
  return { heap, srcBase: src.byteOffset / src.BYTES_PER_ELEMENT, dstBase: dst.byteOffset / dst.BYTES_PER_ELEMENT };
}

/** x[begin : begin + size], a new output holding only the slice. */
export function heapSlice(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const { heap, srcBase, dstBase } = heapViews(backend, x, out);
  const rank = x.shape.length;
  const strides = [...util.computeStrides(x.shape), 1];
  // the run: the innermost axes taken whole, plus the next one (cut)
  let axis = rank - 1;
  while (axis > 0 && size[axis] === x.shape[axis]) axis--;
  const run = size[axis] * strides[axis];
  const outer = util.sizeFromShape(size.slice(0, axis));
  const index = new Array<number>(axis).fill(0);
  for (let k = 0; k < outer; k++) {
    let offset = begin[axis] * strides[axis];
    for (let a = 0; a < axis; a++) offset += (begin[a] + index[a]) * strides[a];
    heap.copyWithin(dstBase + k * run, srcBase + offset, srcBase + offset + run);
    for (let a = axis - 1; a >= 0; a--) {
      if (++index[a] < size[a]) break;
      index[a] = 0;
    }
  }
  return out;
}

const isString = (x: TensorInfo) => x.dtype === 'string';

export function withHeapSlice(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    if (isString(x) || x.shape.length === 0) return stock.kernelFunc(args);
    const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [b, s] = slice_util.parseSliceParams(x, begin, size);
    return heapSlice(args.backend as BackendWasm, x, b, s);
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

export function withHeapUnpack(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const value = args.inputs.value as TensorInfo;
    if (isString(value)) return stock.kernelFunc(args);
    const rank = value.shape.length;
    let axis = (args.attrs as unknown as { axis: number }).axis;
    if (axis < 0) axis += rank;
    const outShape = value.shape.filter((_, i) => i !== axis);
    const size = value.shape.slice();
    size[axis] = 1;
    const begin = new Array<number>(rank).fill(0);
    return Array.from({ length: value.shape[axis] }, (_, i) => {
      begin[axis] = i;
      const { dataId, dtype } = heapSlice(args.backend as BackendWasm, value, begin, size);
      return { dataId, dtype, shape: outShape };
    });
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

export function withHeapSplit(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    if (isString(x)) return stock.kernelFunc(args);
    const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number | number[] };
    const $axis = util.parseAxisParam(axis, x.shape)[0];
    const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, $axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = x.shape.slice();
      size[$axis] = s;
      const part = heapSlice(args.backend as BackendWasm, x, begin, size);
      begin[$axis] += s;
      return part;
    });
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

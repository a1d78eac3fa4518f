/**
 * `Tile` that copies runs of the heap. The stock wasm kernel (4.22)
 * computes every output element's source index one element at a time: a
 * recurrent autoencoder's repeat of its code over 48 steps ([128, 1, 64] to
 * [128, 48, 64], 393,216 values) took 25-39 ms a step, longer than the
 * layer's forward pass. Here each output row (the innermost axis) is its
 * input row copied `reps[last]` times with `copyWithin` on one view of the
 * heap (no per-row allocation). Types other than 4-byte numbers go to the
 * stock kernel.
 */
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from '../marker.js';
import { heapViews } from '../slice/heap-slice.js';

/** x tiled `reps` times along each axis, into a new output. */
export function heapTile(backend: BackendWasm, x: TensorInfo, reps: number[]): TensorInfo {
  const rank = x.shape.length;
  const outShape = x.shape.map((d, i) => d * reps[i]);
  const out = backend.makeOutput(outShape, x.dtype);
  if (util.sizeFromShape(outShape) === 0) return out;
  const { heap, srcBase, dstBase } = heapViews(backend, x, out);
  let o = dstBase;
  const row = x.shape[rank - 1];
  const rowReps = reps[rank - 1];
  const strides = util.computeStrides(x.shape);
  const outer = util.sizeFromShape(outShape.slice(0, rank - 1));
  const index = new Array<number>(rank - 1).fill(0);
  for (let k = 0; k < outer; k++) {
    let s = srcBase;
    for (let a = 0; a < rank - 1; a++) s += (index[a] % x.shape[a]) * strides[a];
    for (let r = 0; r < rowReps; r++, o += row) heap.copyWithin(o, s, s + row);
    for (let a = rank - 2; a >= 0; a--) {
      if (++index[a] < outShape[a]) break;
      index[a] = 0;
    }
  }
  return out;
}

export function withHeapTile(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    if ((x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length === 0) return stock.kernelFunc(args);
    const { reps } = args.attrs as unknown as { reps: number[] };
    return heapTile(args.backend as BackendWasm, x, reps);
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

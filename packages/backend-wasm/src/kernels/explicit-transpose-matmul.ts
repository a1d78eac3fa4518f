/**
 * Stock wasm `BatchMatMul` / `_FusedMatMul` use XNNPACK only when neither
 * operand is transposed and the batch is 1; otherwise they fall back to a
 * naive loop that is 10-25x slower. The gradients of every matMul ask for
 * exactly those transposed products (dx = dy * W^T, dW = x^T * dy).
 *
 * This wrapper keeps the stock kernel but hands it explicitly transposed
 * operands (one wasm Transpose each) so the XNNPACK path is taken. Batched
 * products (batch > 1) are passed through unchanged: XNNPACK is not used for
 * them either way.
 */
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from './marker.js';
import { release, transpose } from './wasm-ops.js';

function batchOf(t: TensorInfo): number {
  return util.sizeFromShape(t.shape.slice(0, -2));
}

function swapLastTwo(backend: BackendWasm, t: TensorInfo): TensorInfo {
  const perm = t.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return transpose(backend, t, perm);
}

/** Wraps a stock matMul kernel (inputs `a`, `b`; attrs `transposeA/B`). */
export function withExplicitTransposes(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const a = args.inputs.a as TensorInfo;
    const b = args.inputs.b as TensorInfo;
    const { transposeA, transposeB } = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if ((!transposeA && !transposeB) || batchOf(a) !== 1 || batchOf(b) !== 1) {
      return stock.kernelFunc(args);
    }
    const backend = args.backend as BackendWasm;
    const a2 = transposeA ? swapLastTwo(backend, a) : a;
    const b2 = transposeB ? swapLastTwo(backend, b) : b;
    try {
      return stock.kernelFunc({
        ...args,
        inputs: { ...args.inputs, a: a2, b: b2 },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      release(backend, a2 === a ? null : a2, b2 === b ? null : b2);
    }
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}

/**
 * Core's fused binary cross-entropy from logits (`BCE_LOGITS_KERNEL`,
 * contract in core's `losses/loss-kernels.ts`) on wasm: each row's loss sum
 * and sigmoid(z) - x in one pass, instead of Abs, Sigmoid, Log, Relu, Sub,
 * Multiply, Sub and Sum forward and Sigmoid and Sub backward (Log is a
 * scalar loop in tfjs-backend-wasm 4.22). Compiled WebAssembly SIMD
 * (`bce-logits.wat`: exp by range reduction and a polynomial, log1p by its
 * atanh series); the same formulas with Math.exp and Math.log1p where that
 * module cannot run.
 */
import { util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { BCE_LOGITS_KERNEL } from '@hourglass/core';
import { WasmBackendError } from '../../errors.js';
import { compiledModule, heapOffset } from '../compiled-module.js';
import { markOurs } from '../marker.js';
import { release } from '../wasm-ops.js';
import { WASM_BASE64 } from './bce-logits-wasm.js';

interface BceExports {
  bce(z: number, x: number, g: number, sums: number, tmp: number, rows: number, k: number): void;
}

/** [row sums of the loss, sigmoid(z) - x] for logits z and targets x ([n, k]). */
export function bceLogitsWasm(backend: BackendWasm, z: TensorInfo, x: TensorInfo): TensorInfo[] {
  if (z.shape.length !== 2 || z.dtype !== 'float32' || x.dtype !== 'float32' || util.sizeFromShape(x.shape) !== util.sizeFromShape(z.shape))
    throw new WasmBackendError(`${BCE_LOGITS_KERNEL}: expected float32 logits [n, k] and targets of the same size, got ${z.dtype} [${z.shape.join(', ')}] and ${x.dtype} [${x.shape.join(', ')}]`);
  const [rows, k] = z.shape;
  const sums = backend.makeOutput([rows], 'float32');
  const g = backend.makeOutput(z.shape, 'float32');
  const compiled = compiledModule<BceExports>(backend, WASM_BASE64);
  if (compiled) {
    const tmp = backend.makeOutput([4], 'float32');
    compiled.bce(heapOffset(backend, z), heapOffset(backend, x), heapOffset(backend, g), heapOffset(backend, sums), heapOffset(backend, tmp), rows, k);
    release(backend, tmp);
    return [sums, g];
  }
  const [Z, X, G, S] = [z, x, g, sums].map((t) => backend.typedArrayFromHeap(t) as Float32Array);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let i = r * k; i < (r + 1) * k; i++) {
      const e = Math.exp(-Math.abs(Z[i]));
      sum += Math.fround(Math.max(Z[i], 0) + Math.log1p(e) - Z[i] * X[i]);
      G[i] = (Z[i] >= 0 ? 1 : e) / (1 + e) - X[i];
    }
    S[r] = sum;
  }
  return [sums, g];
}

/** Kernel config registered by `registerTrainingKernels()` (a kernel stock tfjs has no counterpart of). */
export const bceLogitsConfig: KernelConfig = {
  kernelName: BCE_LOGITS_KERNEL,
  backendName: 'wasm',
  kernelFunc: markOurs(({ inputs, backend }) => bceLogitsWasm(backend as BackendWasm, inputs.z as TensorInfo, inputs.x as TensorInfo)),
};

/**
 * Core's fused Adam update (`ADAM_KERNEL`, contract in core's
 * `train/optimizer-kernels.ts`) on wasm: one pass over w, g, m and v per
 * weight tensor instead of about twelve elementwise kernels, each a pass
 * over memory and an engine call. Compiled WebAssembly SIMD
 * (`adam.wat`); the same float32 steps in JS where that module cannot run.
 * Both give core's plain-ops rule bit for bit.
 */
import { util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ADAM_KERNEL, type AdamKernelAttrs } from '@hourglass/core';
import { WasmBackendError } from '../../errors.js';
import { compiledModule, heapOffset } from '../compiled-module.js';
import { markOurs } from '../marker.js';
import { WASM_BASE64 } from './adam-wasm.js';

interface AdamExports {
  adam(
    w: number, g: number, m: number, v: number, wOut: number, mOut: number, vOut: number, n: number,
    lr: number, b1: number, c1: number, b2: number, c2: number, eps: number, wd: number,
  ): void;
}

type Inputs = { w: TensorInfo; g: TensorInfo; m: TensorInfo; v: TensorInfo };

/** The JS steps of `adam.wat`, each rounded to float32. */
function adamJs(backend: BackendWasm, { w, g, m, v }: Inputs, outs: TensorInfo[], a: AdamKernelAttrs): void {
  const f = Math.fround;
  const [W, G, M, V] = [w, g, m, v].map((t) => backend.typedArrayFromHeap(t) as Float32Array);
  const [Wo, Mo, Vo] = outs.map((t) => backend.typedArrayFromHeap(t) as Float32Array);
  const [lr, b1, c1, b2, c2, eps, wd] = [a.learningRate, a.beta1, a.oneMinusBeta1, a.beta2, a.oneMinusBeta2, a.epsilon, a.weightDecay].map(f);
  for (let i = 0; i < W.length; i++) {
    const gi = wd > 0 ? f(G[i] + f(W[i] * wd)) : G[i];
    const mi = (Mo[i] = f(f(M[i] * b1) + f(gi * c1)));
    const vi = (Vo[i] = f(f(V[i] * b2) + f(f(gi * gi) * c2)));
    Wo[i] = f(W[i] - f(f(mi * lr) / f(f(Math.sqrt(vi)) + eps)));
  }
}

/** `[w', m', v']` for one weight tensor. */
export function adamWasm(backend: BackendWasm, inputs: Inputs, attrs: AdamKernelAttrs): TensorInfo[] {
  const { w, g, m, v } = inputs;
  const n = util.sizeFromShape(w.shape);
  for (const [name, t] of Object.entries({ w, g, m, v }))
    if (util.sizeFromShape(t.shape) !== n || t.dtype !== 'float32')
      throw new WasmBackendError(`${ADAM_KERNEL}: ${name} must be float32 with ${n} values like w [${w.shape.join(', ')}], got ${t.dtype} [${t.shape.join(', ')}]`);
  const outs = [0, 1, 2].map(() => backend.makeOutput(w.shape, 'float32'));
  const compiled = compiledModule<AdamExports>(backend, WASM_BASE64);
  if (!compiled) {
    adamJs(backend, inputs, outs, attrs);
    return outs;
  }
  const at = (t: TensorInfo) => heapOffset(backend, t);
  const a = attrs;
  compiled.adam(at(w), at(g), at(m), at(v), at(outs[0]), at(outs[1]), at(outs[2]), n,
    a.learningRate, a.beta1, a.oneMinusBeta1, a.beta2, a.oneMinusBeta2, a.epsilon, a.weightDecay);
  return outs;
}

/** Kernel config registered by `registerTrainingKernels()` (a kernel stock tfjs has no counterpart of). */
export const adamConfig: KernelConfig = {
  kernelName: ADAM_KERNEL,
  backendName: 'wasm',
  kernelFunc: markOurs(({ inputs, backend, attrs }) =>
    adamWasm(backend as BackendWasm, inputs as unknown as Inputs, attrs as unknown as AdamKernelAttrs),
  ),
};

/**
 * Core's fused bias and activation (`BIAS_ACTIVATION_KERNELS`, contract in
 * core's `layers/bias-activation-kernels.ts`) on wasm: y = act(x + b) in one
 * pass instead of Add and Relu, and dPre = dy act'(y) with the bias
 * gradient (its sums over rows, in float64) in one pass instead of Step,
 * Multiply and a reduction (an average pool plus a product for images).
 * Compiled WebAssembly SIMD (`bias-activation.wat`); the same float32 steps
 * in JS where that module cannot run.
 */
import { util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { BIAS_ACTIVATION_KERNELS, FUSED_ACTIVATIONS } from '@hourglass/core';
import { WasmBackendError } from '../../errors.js';
import { compiledModule, heapOffset } from '../compiled-module.js';
import { markOurs } from '../marker.js';
import { release } from '../wasm-ops.js';
import { WASM_BASE64 } from './bias-activation-wasm.js';

interface BiasActivationExports {
  forward(x: number, b: number, y: number, rows: number, k: number, relu: number): void;
  backward(dy: number, y: number, dPre: number, db: number, acc: number, rows: number, k: number, relu: number): void;
}

/** Rows and channels of `t` ([..., k]), after checking the activation and float32 inputs. */
function geometry(kernel: string, activation: string, t: TensorInfo, other: TensorInfo, otherSize: number): { rows: number; k: number; relu: number } {
  if (!(FUSED_ACTIVATIONS as readonly string[]).includes(activation))
    throw new WasmBackendError(`${kernel}: activation must be one of ${FUSED_ACTIVATIONS.join(', ')}, got "${activation}"`);
  const k = t.shape[t.shape.length - 1] ?? 1;
  const size = util.sizeFromShape(t.shape);
  if (t.dtype !== 'float32' || other.dtype !== 'float32' || util.sizeFromShape(other.shape) !== otherSize)
    throw new WasmBackendError(`${kernel}: expected float32 inputs of ${size} and ${otherSize} values, got ${t.dtype} [${t.shape.join(', ')}] and ${other.dtype} [${other.shape.join(', ')}]`);
  return { rows: k === 0 ? 0 : size / k, k, relu: activation === 'relu' ? 1 : 0 };
}

const kernels = (backend: BackendWasm) => compiledModule<BiasActivationExports>(backend, WASM_BASE64);
const view = (backend: BackendWasm, t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;

/** y = act(x + bias). */
export function biasActivationWasm(backend: BackendWasm, x: TensorInfo, bias: TensorInfo, activation: string): TensorInfo {
  const { rows, k, relu } = geometry(BIAS_ACTIVATION_KERNELS.forward, activation, x, bias, x.shape[x.shape.length - 1] ?? 1);
  const y = backend.makeOutput(x.shape, 'float32');
  const compiled = kernels(backend);
  if (compiled) compiled.forward(heapOffset(backend, x), heapOffset(backend, bias), heapOffset(backend, y), rows, k, relu);
  else {
    const [X, B, Y] = [x, bias, y].map((t) => view(backend, t));
    for (let i = 0; i < X.length; i++) {
      const v = Math.fround(X[i] + B[i % k]);
      Y[i] = relu ? Math.max(v, 0) : v;
    }
  }
  return y;
}

/** [dPre, dBias] from dy and y = act(x + bias). */
export function biasActivationGradWasm(backend: BackendWasm, dy: TensorInfo, y: TensorInfo, activation: string): TensorInfo[] {
  const { rows, k, relu } = geometry(BIAS_ACTIVATION_KERNELS.gradient, activation, dy, y, util.sizeFromShape(dy.shape));
  const dPre = backend.makeOutput(dy.shape, 'float32');
  const db = backend.makeOutput([k], 'float32');
  const compiled = kernels(backend);
  if (compiled) {
    const scratch = backend.makeOutput([2 * k], 'float32'); // k doubles
    compiled.backward(heapOffset(backend, dy), heapOffset(backend, y), heapOffset(backend, dPre), heapOffset(backend, db), heapOffset(backend, scratch), rows, k, relu);
    release(backend, scratch);
    return [dPre, db];
  }
  const [DY, Y, DP, DB] = [dy, y, dPre, db].map((t) => view(backend, t));
  const sums = new Float64Array(k);
  for (let i = 0; i < DY.length; i++) {
    const v = relu ? Math.fround(DY[i] * (Y[i] > 0 ? 1 : 0)) : DY[i];
    DP[i] = v;
    sums[i % k] += v;
  }
  DB.set(sums);
  return [dPre, db];
}

/** Kernel configs registered by `registerTrainingKernels()` (kernels stock tfjs has no counterpart of). */
export const biasActivationConfigs: KernelConfig[] = [
  {
    kernelName: BIAS_ACTIVATION_KERNELS.forward,
    backendName: 'wasm',
    kernelFunc: markOurs(({ inputs, backend, attrs }) =>
      biasActivationWasm(backend as BackendWasm, inputs.x as TensorInfo, inputs.bias as TensorInfo, (attrs as { activation: string }).activation),
    ),
  },
  {
    kernelName: BIAS_ACTIVATION_KERNELS.gradient,
    backendName: 'wasm',
    kernelFunc: markOurs(({ inputs, backend, attrs }) =>
      biasActivationGradWasm(backend as BackendWasm, inputs.dy as TensorInfo, inputs.y as TensorInfo, (attrs as { activation: string }).activation),
    ),
  },
];

/**
 * Thin helpers for composing stock tfjs-backend-wasm kernels inside our own
 * kernels. Everything here works on backend-level `TensorInfo`s, never on
 * `tf.Tensor`s: the intermediates are invisible to the engine (no tape, no
 * `tf.memory()` entries) and each one must be released with `release()`.
 */
import { getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmBackendError } from '../errors.js';

/** Runs the kernel currently registered for `name` on the wasm backend. */
export function runWasm(
  backend: BackendWasm,
  name: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = getKernel(name, 'wasm');
  if (config == null) {
    throw new WasmBackendError(`@hourglass/backend-wasm: wasm kernel '${name}' is not registered.`);
  }
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/** Transposes `x` with permutation `perm` (wasm Transpose kernel). */
export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return runWasm(backend, 'Transpose', { x }, { perm });
}

/** A new shape over the same data (reference-counted, no copy). */
export function reshape(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  return runWasm(backend, 'Reshape', { x }, { shape });
}

/** Releases intermediates created by the helpers above. */
export function release(backend: BackendWasm, ...infos: Array<TensorInfo | null | undefined>): void {
  for (const info of infos) if (info != null) backend.disposeData(info.dataId);
}

/** A float32 output of `shape` filled with zeros (wasm memory is not zeroed). */
export function zeros(backend: BackendWasm, shape: number[]): TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  backend.typedArrayFromHeap(out).fill(0);
  return out;
}

/** Keeps the first `height` x `width` pixels of an NHWC tensor (releasing the input when it crops). */
export function cropSpatial(backend: BackendWasm, x: TensorInfo, height: number, width: number): TensorInfo {
  if (x.shape[1] === height && x.shape[2] === width) return x;
  const cropped = runWasm(backend, 'Slice', { x }, { begin: [0, 0, 0, 0], size: [x.shape[0], height, width, x.shape[3]] });
  release(backend, x);
  return cropped;
}

/**
 * x [a, h, w, b] -> [a, h*sh, w*sw, b], each row and column followed by
 * sh - 1 / sw - 1 zeros (a strided gradient spread back to stride 1).
 */
export function spreadSpatial(backend: BackendWasm, x: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return reshape(backend, x, x.shape);
  const [a, h, w, b] = x.shape;
  const six = reshape(backend, x, [a, h, 1, w, 1, b]);
  const padded = runWasm(backend, 'PadV2', { x: six }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
  const out = reshape(backend, padded, [a, h * sh, w * sw, b]);
  release(backend, six, padded);
  return out;
}

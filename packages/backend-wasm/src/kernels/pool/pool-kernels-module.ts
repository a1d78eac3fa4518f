/**
 * The compiled pooling kernels of `pool-kernels.wat`, instantiated once per
 * tfjs wasm memory: the module imports that memory, so it works on tensors
 * in place. The binary is small (< 4 KB), so it compiles synchronously even
 * on a browser's main thread. Where it cannot run (an engine without wasm
 * SIMD, which then runs tfjs' plain build; a memory this code cannot find)
 * the kernels fall back to their loops in JS (`pool/windows.ts`,
 * `pool/rounding-forward.ts`).
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { PoolInfo } from './geometry';
import { WASM_BASE64 } from './pool-kernels-wasm';

type Geometry = [n: number, h: number, w: number, c: number, oh: number, ow: number, fh: number, fw: number, sh: number, sw: number, pt: number, pl: number];

export interface PoolKernelExports {
  maxPoolGrad(x: number, dy: number, dx: number, ...geometry: Geometry): void;
  avgPoolGrad(dy: number, dx: number, ...geometry: Geometry): void;
  /** Max (`max` = 1) or average pool of x into y. */
  pool(x: number, y: number, max: number, ...geometry: Geometry): void;
}

const instances = new WeakMap<WebAssembly.Memory, PoolKernelExports | null>();
let enabled = true;

/** Turns the compiled kernels off (the JS loops run) or back on; for tests that compare the two. */
export function useCompiledPoolKernels(on: boolean): void {
  enabled = on;
}

/** The memory object of the backend's emscripten module (threaded builds keep it as `wasmMemory`, others export it). */
function memoryOf(backend: BackendWasm): WebAssembly.Memory | undefined {
  const module = backend.wasm as unknown as { wasmMemory?: unknown; asm?: { memory?: unknown } };
  const memory = module.wasmMemory ?? module.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate(memory: WebAssembly.Memory): PoolKernelExports | null {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    const module = new WebAssembly.Module(decodeBase64(shared ? WASM_BASE64.shared : WASM_BASE64.unshared));
    return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as PoolKernelExports;
  } catch {
    return null;
  }
}

/** The compiled kernels for this backend's memory, or null where they cannot run. */
export function poolKernels(backend: BackendWasm): PoolKernelExports | null {
  const memory = enabled ? memoryOf(backend) : undefined;
  if (memory === undefined) return null;
  let exports = instances.get(memory);
  if (exports === undefined) instances.set(memory, (exports = instantiate(memory)));
  return exports;
}

/** The byte offset of a tensor's data on the wasm heap. */
export function heapOffset(backend: BackendWasm, t: TensorInfo): number {
  return backend.typedArrayFromHeap(t).byteOffset;
}

/** The geometry arguments every compiled kernel takes. */
export function geometryArgs(info: PoolInfo): Geometry {
  return [
    info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left,
  ];
}

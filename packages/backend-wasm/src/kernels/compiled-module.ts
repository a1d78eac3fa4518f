/**
 * Hand-written WebAssembly kernel modules (`*.wat`, assembled into base64 by
 * scripts/assemble-wat.mjs), instantiated once per tfjs wasm memory: each
 * module imports that memory, so its kernels work on tensors in place. The
 * binaries are small (< 4 KB), so they compile synchronously even on a
 * browser's main thread. Where a module cannot run (an engine without wasm
 * SIMD, which then runs tfjs' plain build; a memory this code cannot find)
 * the caller gets null and takes its fallback.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** A module's two binaries: for the threaded build's shared memory and for an unshared one. */
export interface WasmBinaries {
  readonly shared: string;
  readonly unshared: string;
}

const instances = new WeakMap<WebAssembly.Memory, Map<WasmBinaries, unknown>>();
let enabled = true;

/** Turns the compiled kernels off (their fallbacks run) or back on; for tests that compare the two. */
export function useCompiledKernels(on: boolean): void {
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

function instantiate(memory: WebAssembly.Memory, binaries: WasmBinaries): unknown {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    const module = new WebAssembly.Module(decodeBase64(shared ? binaries.shared : binaries.unshared));
    return new WebAssembly.Instance(module, { env: { memory } }).exports;
  } catch {
    return null;
  }
}

/** The module's exports for this backend's memory, or null where it cannot run. */
export function compiledModule<T>(backend: BackendWasm, binaries: WasmBinaries): T | null {
  const memory = enabled ? memoryOf(backend) : undefined;
  if (memory === undefined) return null;
  let modules = instances.get(memory);
  if (!modules) instances.set(memory, (modules = new Map()));
  if (!modules.has(binaries)) modules.set(binaries, instantiate(memory, binaries));
  return modules.get(binaries) as T | null;
}

/** The byte offset of a tensor's data on the wasm heap. */
export function heapOffset(backend: BackendWasm, t: TensorInfo): number {
  return backend.typedArrayFromHeap(t).byteOffset;
}

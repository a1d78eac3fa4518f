/** Runtime facts shared by setup and probe (no tfjs involved). */

/** True in Node (and not in a browser bundle that merely polyfills `process`). */
export function isNode(): boolean {
  return (
    typeof process !== 'undefined' &&
    typeof process.versions === 'object' &&
    typeof process.versions.node === 'string' &&
    typeof (globalThis as { window?: unknown }).window === 'undefined'
  );
}

/** Whether this JS engine can run wasm threads at all (shared memory + atomics). */
export function hasWasmThreadPrimitives(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true } as WebAssembly.MemoryDescriptor);
    return memory.buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/** Logical cores. */
export async function logicalCores(): Promise<number> {
  if (isNode()) {
    const os = await import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

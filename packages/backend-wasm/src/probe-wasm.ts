/** `probeWasm()`: capability check that leaves the active backend alone. */
import * as tf from '@tensorflow/tfjs-core';
import { hasWasmThreadPrimitives, isNode, logicalCores } from './environment.js';
import { PINNED_TFJS_WASM_VERSION } from './node/threaded-init.js';
import type { WasmProbe } from './types.js';

/**
 * Reports WebAssembly SIMD and thread support as tfjs-backend-wasm sees it
 * (`WASM_HAS_SIMD_SUPPORT`, `WASM_HAS_MULTITHREAD_SUPPORT`), plus whether
 * this package can start the threaded build in Node. It imports
 * tfjs-backend-wasm, which registers (but does not initialise or activate)
 * the 'wasm' backend.
 *
 * @example
 * ```ts
 * import { probeWasm } from '@hourglass/backend-wasm';
 * const { simd, nodeThreads, cores } = await probeWasm();
 * ```
 */
export async function probeWasm(): Promise<WasmProbe> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const threads = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
  const cores = await logicalCores();
  let reason: string | undefined;
  if (!isNode()) reason = 'not Node';
  else if (wasm.version_wasm !== PINNED_TFJS_WASM_VERSION) reason = `tfjs-backend-wasm ${wasm.version_wasm} is not ${PINNED_TFJS_WASM_VERSION}`;
  else if (!simd) reason = 'no WebAssembly SIMD';
  else if (!hasWasmThreadPrimitives()) reason = 'no shared WebAssembly memory';
  return { simd, threads, nodeThreads: reason === undefined, cores, ...(reason ? { reason } : {}) };
}

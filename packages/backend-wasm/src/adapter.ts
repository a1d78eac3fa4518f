/**
 * The wasm backend adapter: `wasmBackend` (core's backend contract) and
 * `setupWasm`, which is its setup.
 */
import { defineBackend, type BackendProbe } from '@hourglass/core';
import { isNode } from './environment.js';
import { WASM_HINTS } from './hints.js';
import { probeWasm } from './probe-wasm.js';
import { startWasm } from './setup-wasm.js';
import { planThreads } from './thread-plan.js';
import type { SetupWasmOptions, WasmReport } from './types.js';

const PACKAGE = '@tensorflow/tfjs-backend-wasm';

async function probe(): Promise<BackendProbe> {
  if (typeof WebAssembly !== 'object') return { available: false, reason: 'no WebAssembly in this runtime', details: {} };
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const found = await probeWasm();
  // What setupWasm() would start with by default: threads in Node where this
  // package can start them, in browsers where tfjs says so (cross-origin isolation).
  const plan =
    found.nodeThreads || (!isNode() && found.threads)
      ? await planThreads('auto', { node: isNode(), simd: found.simd, version: wasm.version_wasm })
      : { count: 1, reason: found.reason ?? 'page is not cross-origin isolated' };
  return {
    available: true,
    details: {
      package: PACKAGE,
      version: wasm.version_wasm,
      simd: found.simd,
      threads: plan.count,
      cores: found.cores,
      ...(plan.reason === undefined ? {} : { limit: plan.reason }),
    },
  };
}

/**
 * The wasm backend for `selectBackend` and `hourglass backends`
 * (`--backend wasm`): TensorFlow.js' WebAssembly backend with SIMD, threads
 * where they start, and the kernels training needs.
 *
 * @example
 * ```ts
 * import { wasmBackend } from '@hourglass/backend-wasm';
 * const { available, details } = await wasmBackend.probe(); // { simd: true, threads: 2, ... }
 * ```
 */
export const wasmBackend = defineBackend<'wasm', SetupWasmOptions, WasmReport>({
  name: 'wasm',
  tfjsBackend: 'wasm',
  description: 'WebAssembly (XNNPACK)',
  hints: WASM_HINTS,
  probe,
  setup: (options) => startWasm(options),
});

/**
 * Initialises TensorFlow.js' wasm backend for training and makes it the
 * active backend. In Node it loads the `.wasm` files of the installed
 * `@tensorflow/tfjs-backend-wasm` (no network, any working directory) and,
 * by default, runs XNNPACK on one thread per core; if the threaded build
 * cannot start it falls back to the SIMD build and says why in `reason`.
 * Registers the kernels stock tfjs-backend-wasm lacks for training
 * (`Conv2DBackpropFilter`), fixes the ones it gets wrong (`MaxPoolGrad`,
 * `AvgPoolGrad`, rounded-up `MaxPool`/`AvgPool`) and, unless
 * `fastKernels: false`, swaps slow ones for XNNPACK-based ones. Removes the
 * `uncaughtException`/`unhandledRejection` listeners the emscripten glue
 * installs, and keeps the application's listeners when the backend is
 * disposed. Calling it again returns the first report (and re-activates
 * 'wasm'); options of later calls are ignored. It is `wasmBackend.setup`. After `tf.engine().reset()`
 * (or `tf.removeBackend('wasm')`) the backend that report describes is gone:
 * the next call sets it up again with the first call's options (threads
 * included) and returns a new report, which says what it got.
 *
 * @example
 * ```ts
 * import { setupWasm } from '@hourglass/backend-wasm';
 * const report = await setupWasm();            // Node: threads when they work
 * // { backend: 'wasm', simd: true, threads: 2, build: 'threaded-simd', ... }
 * await setupWasm({ baseUrl: '/wasm/', threads: false }); // browser, SIMD only
 * ```
 */
export function setupWasm(options: SetupWasmOptions = {}): Promise<WasmReport> {
  return wasmBackend.setup(options);
}

/**
 * Starting the wasm backend: loads tfjs-backend-wasm, registers our kernels,
 * points it at its .wasm files (`baseUrl` and `wasmPaths`, see
 * wasm-paths.ts), starts the threaded build when asked and possible (Node:
 * see node/threaded-init.ts; browsers: tfjs decides, given cross-origin
 * isolation), otherwise the SIMD build, and reports what it got. When the
 * backend does not initialise, the error names the binary tried, its URL and
 * what is wrong with it (load-failure.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { isNode, logicalCores } from './environment.js';
import { registerTrainingKernels } from './kernels/register.js';
import { makeWasmFactoryListenerSafe } from './node/listener-safe-factory.js';
import { snapshotProcessListeners } from './node/process-listeners.js';
import { tfjsWasmFiles } from './node/package-dir.js';
import { startThreaded } from './node/start-threaded.js';
import { setupState } from './state.js';
import { planThreads } from './thread-plan.js';
import type { SetupWasmOptions, WasmBuild, WasmReport } from './types.js';
import { WasmBackendError } from './errors.js';
import { assertNotFilePage, loadFailure } from './load-failure.js';
import { BINARY_OF_BUILD, validateBaseUrl, validateWasmPaths, wasmFileUrl, wasmLocation, type WasmLocation } from './wasm-paths.js';

type TfjsWasm = typeof import('@tensorflow/tfjs-backend-wasm');

/** Activates 'wasm'; when it does not initialise, throws what `explain` finds (or a generic error). */
async function setBackendOrThrow(explain?: () => Promise<WasmBackendError>): Promise<void> {
  if (!(await tf.setBackend('wasm'))) {
    throw (await explain?.()) ?? new WasmBackendError('@hourglass/backend-wasm: the wasm backend failed to initialise (see the warnings above).');
  }
  await tf.ready();
}

/** tfjs' setWasmPaths, whose plain Error after a failed initialisation becomes ours. */
function setWasmPaths(wasm: TfjsWasm, location: Exclude<WasmLocation, null>): void {
  try {
    wasm.setWasmPaths(location);
  } catch (error) {
    throw new WasmBackendError(
      '@hourglass/backend-wasm: an earlier attempt to initialise the wasm backend in this process or page failed, and tfjs-backend-wasm cannot retry it; fix the cause reported then and reload the page (or restart the process).',
      { cause: error },
    );
  }
}

function buildOf(simd: boolean, threaded: boolean): WasmBuild {
  return simd ? (threaded ? 'threaded-simd' : 'simd') : 'plain';
}

async function initialise(options: SetupWasmOptions): Promise<WasmReport> {
  const start = Date.now();
  const node = isNode();
  if (!node) assertNotFilePage();
  const wasm: TfjsWasm = await import('@tensorflow/tfjs-backend-wasm');
  const kernels = registerTrainingKernels({ fastKernels: options.fastKernels });
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const report = (threaded: boolean, reason?: string): WasmReport => ({
    backend: 'wasm',
    simd,
    threads: wasm.getThreadsCount(),
    build: buildOf(simd, threaded),
    ...(reason === undefined ? {} : { reason }),
    kernels,
    initMs: Date.now() - start,
  });

  if (tf.engine().registry.wasm != null) {
    await setBackendOrThrow();
    const threaded = wasm.getThreadsCount() > 1;
    return report(threaded, threaded ? undefined : 'the wasm backend was initialised before setupWasm()');
  }

  makeWasmFactoryListenerSafe();
  const files = node ? await tfjsWasmFiles() : null;
  const location = wasmLocation(options, files?.distDir);
  if (location !== null) setWasmPaths(wasm, location);
  // Which binary tfjs tried (its thread flag may have changed since) and what is wrong with it.
  const explain = async () => {
    const name = BINARY_OF_BUILD[buildOf(simd, (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean)];
    return loadFailure(name, wasmFileUrl(location, name), node);
  };
  const plan = await planThreads(options.threads ?? 'auto', { node, simd, version: wasm.version_wasm });

  const listeners = snapshotProcessListeners();
  try {
    if (node) {
      let reason = plan.reason;
      if (plan.count >= 2 && files != null) {
        const attempt = await startThreaded(wasm, files, plan.count);
        if (attempt.ok) return report(true);
        reason = attempt.reason;
      }
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      await setBackendOrThrow(explain);
      return report(false, reason);
    }
    if (plan.count < 2) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    else if (typeof options.threads === 'number') wasm.setThreadsCount(plan.count);
    await setBackendOrThrow(explain);
    const threaded = plan.count >= 2 && ((await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean);
    if (!threaded) return report(false, plan.reason ?? 'page is not cross-origin isolated');
    // tfjs caps XNNPACK's pool at navigator.hardwareConcurrency / 2: on 2
    // cores the threaded binary runs with a single thread. Say so.
    const threads = wasm.getThreadsCount();
    const cores = await logicalCores();
    return report(true, threads >= 2 ? undefined : `the threaded build runs XNNPACK on ${threads} thread: tfjs allows navigator.hardwareConcurrency / 2 = ${cores} / 2`);
  } finally {
    listeners.restore();
  }
}

/**
 * Initialises the wasm backend and activates it; the body of `setupWasm`
 * (see its documentation in `adapter.ts`). Calling it again returns the
 * first report and re-activates 'wasm'.
 */
export async function startWasm(options: SetupWasmOptions = {}): Promise<WasmReport> {
  validateBaseUrl(options.baseUrl);
  validateWasmPaths(options.wasmPaths);
  const state = setupState();
  for (let pending = state.pending; pending != null; pending = state.pending) {
    const done = await pending;
    if (state.pending !== pending) continue; // a concurrent call started over meanwhile
    if (done.backend !== tf.engine().registry.wasm) break; // disposed by an engine reset since
    if (tf.getBackend() !== 'wasm') await setBackendOrThrow();
    return done.report;
  }
  const chosen = state.options ?? options;
  const pending = initialise(chosen).then((report) => ({ report, backend: tf.engine().registry.wasm }));
  state.pending = pending;
  try {
    const done = await pending;
    state.options = chosen;
    return done.report;
  } catch (error) {
    if (state.pending === pending) state.pending = null;
    throw error;
  }
}

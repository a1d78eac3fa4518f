/**
 * One attempt at initialising the 'wasm' backend with the threaded build in
 * Node, failing safe: on a worker error, a timeout, a wrong result or a
 * 1-thread pool it removes the half-initialised backend, terminates the
 * workers, re-registers the backend factory and reports why.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TfjsWasmFiles } from './package-dir.js';
import { openThreadedInit, type ThreadedInitWindow } from './threaded-init.js';

type TfjsWasm = typeof import('@tensorflow/tfjs-backend-wasm');

/** tfjs-backend-wasm registers 'wasm' with this priority. */
const WASM_PRIORITY = 2;
/** Normal start-up takes ~150 ms; this only guards against a hang. */
const INIT_TIMEOUT_MS = 20_000;

export type ThreadedStart = { ok: true; threads: number } | { ok: false; reason: string };

function timeout(ms: number): { promise: Promise<never>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${ms} ms`)), ms);
    (timer as { unref?: () => void }).unref?.();
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** A small matMul on the new backend must match a plain JS product. */
function resultsAreCorrect(): boolean {
  const [m, k, n] = [19, 23, 17];
  const a = Float32Array.from({ length: m * k }, (_, i) => ((i * 7) % 13) / 13 - 0.5);
  const b = Float32Array.from({ length: k * n }, (_, i) => ((i * 5) % 11) / 11 - 0.5);
  const c = tf.tidy(() => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])));
  const got = c.dataSync();
  c.dispose();
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      if (Math.abs(s - got[i * n + j]) > 1e-4) return false;
    }
  }
  return true;
}

async function initialise(wasm: TfjsWasm, window: ThreadedInitWindow): Promise<number> {
  const limit = timeout(INIT_TIMEOUT_MS);
  try {
    const ok = await Promise.race([tf.setBackend('wasm'), window.failed, limit.promise]);
    if (!ok) throw new Error('tf.setBackend("wasm") returned false');
  } finally {
    limit.cancel();
    window.close();
  }
  const threads = wasm.getThreadsCount();
  if (threads < 2) throw new Error(`the pool started with ${threads} thread`);
  if (!resultsAreCorrect()) throw new Error('a test matMul gave wrong results');
  return threads;
}

export async function startThreaded(wasm: TfjsWasm, files: TfjsWasmFiles, threads: number): Promise<ThreadedStart> {
  const factory = tf.findBackendFactory('wasm');
  let window: ThreadedInitWindow | null = null;
  try {
    window = await openThreadedInit(files, threads);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    wasm.setThreadsCount(threads);
    return { ok: true, threads: await initialise(wasm, window) };
  } catch (error) {
    // Stop the workers while the window still routes their errors to us: a
    // worker failing after close() would reach emscripten's own handler,
    // which throws, and the glue's uncaughtException listener would crash
    // the process.
    await window?.terminateWorkers();
    window?.close();
    try {
      tf.removeBackend('wasm');
    } catch {
      // not registered any more: nothing to remove
    }
    if (factory != null) tf.registerBackend('wasm', factory, WASM_PRIORITY);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setThreadsCount(-1);
    return { ok: false, reason: `threaded build failed: ${(error as Error)?.message ?? String(error)}` };
  }
}

/**
 * The init window for tfjs-backend-wasm's threaded SIMD build in Node. While
 * open it
 *
 * - installs the pthread Worker shim (pthread-worker.ts) as `globalThis.Worker`
 *   through a getter with a no-op setter: the glue assigns
 *   `global.Worker = worker_threads.Worker` every time it runs;
 * - makes `os.cpus()` report at least 2 x `threads` entries: tfjs caps its
 *   pool at emscripten_num_logical_cores() / 2, which the glue computes as
 *   `require('os').cpus().length`, so 2 cores would silently give 1 thread;
 * - turns worker errors into a rejected `failed` promise instead of the
 *   glue's uncaught rethrow.
 *
 * `close()` restores all three. The pool threads are created during init
 * (emscripten pre-starts 8 workers; the pool never grows afterwards), so the
 * shim is not needed later. All of this depends on emscripten internals of
 * tfjs-backend-wasm 4.22.0 (`cmd: 'load'`, `urlOrBlob`, `wasmWorkerContents`).
 */
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { TfjsWasmFiles } from './package-dir.js';
import { pthreadWorkerClass } from './pthread-worker.js';

/** The tfjs-backend-wasm version whose emscripten internals this relies on. */
export const PINNED_TFJS_WASM_VERSION = '4.22.0';
/** Emscripten's pre-started pthread pool size in that build. */
export const MAX_THREADS = 8;

export interface ThreadedInitWindow {
  /** Rejects with the first worker error seen while the window is open. */
  failed: Promise<never>;
  /** Restores globalThis.Worker and os.cpus. Idempotent. */
  close(): void;
  /** Terminates every worker the shim started (when falling back); their later errors are ignored. */
  terminateWorkers(): Promise<void>;
}

type OsModule = typeof import('node:os');

function padCpus(os: OsModule, minimum: number): () => void {
  const realCpus = os.cpus;
  os.cpus = function cpus() {
    const list = realCpus.call(os);
    const template = list[0] ?? { model: '', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };
    while (list.length < minimum) list.push(template);
    return list;
  };
  return () => {
    os.cpus = realCpus;
  };
}

export async function openThreadedInit(files: TfjsWasmFiles, threads: number): Promise<ThreadedInitWindow> {
  const { Worker } = await import('node:worker_threads');
  const { existsSync } = await import('node:fs');
  if (!existsSync(files.threadedGlue)) throw new Error(`missing ${files.threadedGlue}`);
  const contents = (files.require(files.threadedWorkerModule) as { wasmWorkerContents?: unknown })
    .wasmWorkerContents;
  if (typeof contents !== 'string') throw new Error('wasmWorkerContents not found in the worker module');
  // The script is stored in a template literal, so its "\n" escapes arrived as
  // real newlines inside string literals; tfjs re-escapes them the same way.
  const workerSource = contents.replace(/\n/g, '\\n');

  const workers: NodeWorker[] = [];
  let open = true;
  let abandoned = false;
  let fail!: (error: Error) => void;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => undefined);

  const Shim = pthreadWorkerClass(Worker, {
    workerSource,
    gluePath: files.threadedGlue,
    onCreate: (worker) => workers.push(worker),
    onError: (error) => {
      // Workers of an abandoned attempt may still report errors after they
      // were told to terminate: those are expected, and must not reach
      // emscripten's handler (it throws, and the glue's listener crashes the process).
      if (abandoned) return true;
      if (!open) return false;
      fail(error instanceof Error ? error : new Error(String(error)));
      return true;
    },
  });
  const previous = Object.getOwnPropertyDescriptor(globalThis, 'Worker');
  Object.defineProperty(globalThis, 'Worker', { configurable: true, get: () => Shim, set: () => undefined });
  const restoreCpus = padCpus(files.require('os') as OsModule, 2 * threads);

  return {
    failed,
    close() {
      if (!open) return;
      open = false;
      restoreCpus();
      if (previous) Object.defineProperty(globalThis, 'Worker', previous);
      else delete (globalThis as { Worker?: unknown }).Worker;
    },
    async terminateWorkers() {
      abandoned = true;
      await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
    },
  };
}

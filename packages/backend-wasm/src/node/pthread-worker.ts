/**
 * A `Worker` class the emscripten glue of tfjs-backend-wasm 4.22's threaded
 * build can use in Node. Emscripten starts each pthread worker from a
 * `blob:` URL (Node's Worker rejects those: ERR_WORKER_PATH) and then sends
 * it `{cmd: 'load', urlOrBlob: <Blob of the glue>}`. This class
 *
 * - starts a worker given a `blob:` URL from the worker script's source
 *   (`eval: true`) instead;
 * - rewrites the `load` message to the path of the package's standalone glue
 *   file, which the worker script reads with fs and evaluates;
 * - makes `ref()` a no-op: XNNPACK's pool threads never end, and a ref'd
 *   worker would keep the process alive forever;
 * - routes worker 'error' events to `onError` first (setup uses this to fail
 *   over instead of letting the glue rethrow them as uncaught exceptions),
 *   also those that arrive while the glue has no listener attached.
 */
import type { TransferListItem, Worker as NodeWorker, WorkerOptions } from 'node:worker_threads';

export interface PthreadWorkerHooks {
  /** Source of the pthread worker script. */
  workerSource: string;
  /** Absolute path of the standalone threaded glue. */
  gluePath: string;
  /** Called for every worker created. */
  onCreate(worker: NodeWorker): void;
  /** Return true to swallow a worker error. */
  onError(error: unknown): boolean;
}

function rewriteLoad(message: unknown, gluePath: string): unknown {
  if (typeof message !== 'object' || message === null) return message;
  const m = message as { cmd?: unknown; urlOrBlob?: unknown };
  if (m.cmd !== 'load' || typeof m.urlOrBlob === 'string') return message;
  return { ...m, urlOrBlob: gluePath };
}

/** Builds the shim class on top of `worker_threads.Worker`. */
export function pthreadWorkerClass(Base: typeof NodeWorker, hooks: PthreadWorkerHooks): typeof NodeWorker {
  class PthreadWorker extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      const fromBlob = typeof url === 'string' && url.startsWith('blob:');
      super(fromBlob ? hooks.workerSource : url, fromBlob ? { ...options, eval: true } : options);
      // An error emitted while no other listener is attached (before the glue
      // attaches its own, or after it let go of an abandoned worker) would be
      // thrown by the emitter and end the process: it goes to onError, and is
      // rethrown only when onError does not take it.
      super.on('error', (error: unknown) => {
        if (this.listenerCount('error') > 1) return;
        if (!hooks.onError(error)) throw error;
      });
      hooks.onCreate(this);
    }

    override postMessage(message: unknown, transferList?: readonly TransferListItem[]): void {
      super.postMessage(rewriteLoad(message, hooks.gluePath), transferList);
    }

    override ref(): void {}

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override on(event: string | symbol, listener: (...args: any[]) => void): this {
      if (event !== 'error') return super.on(event, listener);
      return super.on('error', (error: unknown) => {
        if (!hooks.onError(error)) listener(error);
      });
    }
  }
  return PthreadWorker;
}

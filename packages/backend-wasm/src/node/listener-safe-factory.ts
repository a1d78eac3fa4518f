/**
 * Keeps process listeners as the application set them across every life of
 * the 'wasm' backend, not only the one `setupWasm()` starts. The engine
 * creates the backend again after `tf.engine().reset()` (or a
 * `tf.removeBackend`), and disposes it on both: each instantiation of the
 * emscripten glue adds its `uncaughtException` / `unhandledRejection`
 * listeners, and each dispose removes every listener present when the
 * module was instantiated, the application's too (see process-listeners.ts).
 * So the registered factory is wrapped once: each backend it creates leaves
 * the listeners as they were before, and so does disposing that backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { snapshotProcessListeners } from './process-listeners.js';

type Factory = () => tf.KernelBackend | Promise<tf.KernelBackend>;

const SAFE = Symbol.for('@hourglass/backend-wasm:listener-safe-factory');

function keepListenersOnDispose(backend: tf.KernelBackend): tf.KernelBackend {
  const dispose = backend.dispose.bind(backend);
  backend.dispose = () => {
    const listeners = snapshotProcessListeners();
    try {
      dispose();
    } finally {
      listeners.restore();
    }
  };
  return backend;
}

function listenerSafe(factory: Factory): Factory {
  const safe = async () => {
    const listeners = snapshotProcessListeners();
    try {
      return keepListenersOnDispose(await factory());
    } finally {
      listeners.restore();
    }
  };
  Object.defineProperty(safe, SAFE, { value: true });
  return safe;
}

/** Wraps the registered 'wasm' backend factory (once; idempotent) so no backend it creates adds or removes process listeners. */
export function makeWasmFactoryListenerSafe(): void {
  const entry = tf.engine().registryFactory.wasm;
  if (entry == null || (entry.factory as unknown as Record<symbol, unknown>)[SAFE] === true) return;
  entry.factory = listenerSafe(entry.factory);
}

/**
 * Both emscripten builds of tfjs-backend-wasm run
 * `process.on('uncaughtException', e => { throw e })` and
 * `process.on('unhandledRejection', r => { throw r })` when the module is
 * instantiated. That turns every unhandled rejection into a crash with exit
 * code 7 and defeats a CLI's own handlers. The glue's `_dispose` (called when
 * the backend is removed) means to undo this, but its filter is wrong and it
 * removes every listener present at instantiation, the application's too.
 * We take a snapshot before initialising and afterwards restore exactly it.
 */
const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
type Listener = (...args: unknown[]) => void;

export interface ListenerSnapshot {
  /** Removes listeners added since the snapshot and re-adds removed ones. */
  restore(): void;
}

export function snapshotProcessListeners(): ListenerSnapshot {
  if (typeof process === 'undefined' || typeof process.listeners !== 'function') {
    return { restore: () => undefined };
  }
  const listeners = (event: string) => (process.listeners as (e: string) => Listener[])(event);
  const before = new Map(EVENTS.map((e) => [e, listeners(e)]));
  return {
    restore() {
      for (const event of EVENTS) {
        const wanted = before.get(event)!;
        const now = listeners(event);
        for (const listener of now) if (!wanted.includes(listener)) process.removeListener(event, listener);
        for (const listener of wanted) if (!now.includes(listener)) process.on(event, listener);
      }
    },
  };
}

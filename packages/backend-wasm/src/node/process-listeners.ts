/**
 * Both emscripten builds of tfjs-backend-wasm run
 * `process.on('uncaughtException', e => { throw e })` and
 * `process.on('unhandledRejection', r => { throw r })` when the module is
 * instantiated. That turns every unhandled rejection into a crash with exit
 * code 7 and defeats a CLI's own handlers. (The glue means to remove them in
 * `_dispose`, but its filter is wrong and would remove everyone's.) We take
 * a snapshot before initialising and remove exactly what was added since.
 */
const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
type Listener = (...args: unknown[]) => void;

export interface ListenerSnapshot {
  /** Removes listeners added after the snapshot; returns how many. */
  removeAdded(): number;
}

export function snapshotProcessListeners(): ListenerSnapshot {
  if (typeof process === 'undefined' || typeof process.listeners !== 'function') {
    return { removeAdded: () => 0 };
  }
  const listeners = (event: string) => (process.listeners as (e: string) => Listener[])(event);
  const before = new Map(EVENTS.map((e) => [e, new Set(listeners(e))]));
  return {
    removeAdded() {
      let removed = 0;
      for (const event of EVENTS) {
        for (const listener of listeners(event)) {
          if (!before.get(event)!.has(listener)) {
            process.removeListener(event, listener);
            removed++;
          }
        }
      }
      return removed;
    },
  };
}

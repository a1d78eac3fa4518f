/**
 * Process-wide setup state, kept on globalThis so that the ESM and the CJS
 * build of this package (both may be loaded in one process) share it, as
 * they share tfjs' single engine.
 */
import type { WasmReport } from './types.js';

interface SetupState {
  pending: Promise<WasmReport> | null;
}

const KEY = Symbol.for('@hourglass/backend-wasm:setup');

export function setupState(): SetupState {
  const g = globalThis as unknown as Record<symbol, SetupState | undefined>;
  return (g[KEY] ??= { pending: null });
}

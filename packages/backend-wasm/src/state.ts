/**
 * Process-wide setup state, kept on globalThis so that the ESM and the CJS
 * build of this package (both may be loaded in one process) share it, as
 * they share tfjs' single engine.
 */
import type { KernelBackend } from '@tensorflow/tfjs-core';
import type { SetupWasmOptions, WasmReport } from './types.js';

/** A finished set-up: its report and the backend instance the report describes. */
export interface SetupResult {
  report: WasmReport;
  backend: KernelBackend | undefined;
}

interface SetupState {
  pending: Promise<SetupResult> | null;
  /** The options of the first set-up that succeeded; set-ups after an engine reset use them again. */
  options?: SetupWasmOptions;
}

const KEY = Symbol.for('@hourglass/backend-wasm:setup');

export function setupState(): SetupState {
  const g = globalThis as unknown as Record<symbol, SetupState | undefined>;
  return (g[KEY] ??= { pending: null });
}

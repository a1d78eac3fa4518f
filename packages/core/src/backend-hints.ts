/**
 * Per-backend tuning hints. Core ops stay backend-agnostic, but a few have
 * two equivalent formulations whose speed depends on the backend's kernels;
 * a backend adapter declares which one its kernels prefer when it sets up.
 * Hints change speed only, never results (beyond float rounding).
 *
 * - `explicitTranspose`: compute matMul gradients with explicit transposes
 *   and plain matMuls (wasm: XNNPACK only takes untransposed operands)
 *   rather than matMul's transpose flags (native TensorFlow: free).
 */
import { tf } from './tf.js';

/** Tuning hints a backend may set. */
export interface BackendHints {
  explicitTranspose?: boolean;
}

const KEY = Symbol.for('hourglass.backendHints');

function table(): Map<string, BackendHints> {
  const g = globalThis as unknown as Record<symbol, Map<string, BackendHints> | undefined>;
  return (g[KEY] ??= new Map([['wasm', { explicitTranspose: true }]]));
}

/**
 * Declares hints for a tfjs backend name (merged with earlier ones).
 *
 * @example
 * setBackendHints('wasm', { explicitTranspose: true });
 */
export function setBackendHints(backend: string, hints: BackendHints): void {
  table().set(backend, { ...table().get(backend), ...hints });
}

/** The hints of the active backend. */
export function activeHints(): BackendHints {
  return table().get(tf.getBackend()) ?? {};
}

/**
 * The error this package throws on purpose: the wasm backend cannot start
 * or a kernel is asked for what it does not support. A branded
 * `HourglassError` of `@hourglass/errors` with the code `BACKEND`.
 */
import { HourglassError } from '@hourglass/errors';

/**
 * The wasm backend failed to start, or a kernel cannot run this input. Code `BACKEND`.
 *
 * @example
 * try { await setupWasm(); } catch (e) { if (e instanceof WasmBackendError) useCpuInstead(); }
 */
export class WasmBackendError extends HourglassError {
  constructor(message: string) {
    super(message, { code: 'BACKEND' });
    this.name = 'WasmBackendError';
  }
}

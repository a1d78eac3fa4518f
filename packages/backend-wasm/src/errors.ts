/**
 * The error this package throws on purpose: the wasm backend cannot start
 * or a kernel is asked for what it does not support. A branded
 * `HourglassError` of `@hourglass/errors` with the code `BACKEND`.
 */
import { HourglassError, type ErrorDetails } from '@hourglass/errors';

/**
 * The wasm backend failed to start, or a kernel cannot run this input. Code `BACKEND`;
 * `file` is the .wasm URL or path that failed to load, `field` the bad option.
 *
 * @example
 * try { await setupWasm(); } catch (e) { if (e instanceof WasmBackendError) useCpuInstead(); }
 */
export class WasmBackendError extends HourglassError {
  constructor(message: string, details: Omit<ErrorDetails, 'code'> = {}) {
    super(message, { ...details, code: 'BACKEND' });
    this.name = 'WasmBackendError';
  }
}

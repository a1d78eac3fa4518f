/**
 * Backend selection: one call picks where tensors run and reports it.
 * `auto` sets up each adapter of the list in turn (native TensorFlow, then
 * WebAssembly, then the JavaScript cpu backend) until one starts. Adapters
 * load their tfjs backend only when set up, so a missing optional one costs
 * nothing until asked for.
 */
import { HourglassError } from '@hourglass/errors';
import { firstLine, tf, type BackendAdapter, type BackendDetails } from '@hourglass/core';
import { ADAPTERS, type BackendChoice } from './adapters.js';

/** Which backend runs, and what it can do. */
export interface BackendReport {
  /** The name the user would pass, e.g. node, wasm or cpu. */
  name: string;
  /** tfjs's own name of the backend, e.g. tensorflow, wasm or cpu. */
  tfjsBackend: string;
  /** What the adapter's setup reported. */
  details: BackendDetails;
  /** Backends tried before this one, with the reason each was skipped (auto only). */
  skipped: Array<{ name: string; reason: string }>;
}

/**
 * Options of {@link selectBackend}.
 *
 * @example
 * const options: SelectBackendOptions = { adapters: [cpuBackend] };
 */
export interface SelectBackendOptions {
  /** The adapters to choose from, in the order `auto` tries them (a custom build, or a failing one in tests). Default: `ADAPTERS`. */
  adapters?: readonly BackendAdapter[];
}

/**
 * Selects a backend by name (`auto` = the first adapter that starts).
 *
 * @example
 * const report = await selectBackend('auto');
 * console.log(report.name); // 'wasm' where tfjs-node is not installed
 */
export async function selectBackend(choice: BackendChoice | (string & {}) = 'auto', options: SelectBackendOptions = {}): Promise<BackendReport> {
  const adapters = options.adapters ?? ADAPTERS;
  const order = choice === 'auto' ? adapters : adapters.filter((a) => a.name === choice);
  if (order.length === 0)
    throw new HourglassError(`unknown backend "${choice}"; choose one of: auto, ${adapters.map((a) => a.name).join(', ')}`, { code: 'BACKEND' });
  const skipped: BackendReport['skipped'] = [];
  for (const adapter of order) {
    try {
      const details = await adapter.setup();
      return { name: adapter.name, tfjsBackend: tf.getBackend(), details, skipped };
    } catch (e) {
      if (choice !== 'auto') throw e;
      skipped.push({ name: adapter.name, reason: firstLine(e) });
    }
  }
  throw new HourglassError(`no backend could be initialised: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`, { code: 'BACKEND' });
}

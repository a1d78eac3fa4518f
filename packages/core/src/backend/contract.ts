/**
 * The backend contract: what a backend package contributes, so that
 * choosing, listing and testing backends needs no list of names anywhere
 * but the one list of adapters (`ADAPTERS` in `@hourglass/backends`).
 *
 * An adapter binds one tfjs backend (`tfjsBackend`, the name tfjs knows it
 * by) under the name users pass (`--backend <name>`), and offers:
 *
 * | member      | does                                                             |
 * |-------------|------------------------------------------------------------------|
 * | probe()     | says whether it can run here and what it offers; never selects it |
 * | setup(opts) | loads, initialises and activates it; resolves to what runs       |
 * | hints       | which formulation of a few core ops its kernels run fastest      |
 *
 * `defineBackend` validates an adapter and returns it with two guarantees
 * the raw functions need not give: `probe()` never rejects (a thrown error
 * becomes `{ available: false, reason }`), and after `setup()` the
 * adapter's hints are the ones core reads while its tfjs backend is active
 * (`backend-hints.ts`). Core itself names no backend.
 */
import { ConfigError } from '../errors.js';
import { declareBackendHints, type BackendHints } from '../backend-hints.js';

/**
 * What a backend offers, as far as it is known: every field is optional,
 * and `probe()` and `setup()` fill in the ones that apply.
 *
 * @example
 * const d: BackendDetails = { package: '@tensorflow/tfjs-backend-wasm', version: '4.22.0', simd: true, threads: 2, cores: 2 };
 */
export interface BackendDetails {
  /** The npm package that provides the tfjs backend. */
  package?: string;
  /** Its installed version. */
  version?: string;
  /** WebAssembly SIMD is used (or would be). */
  simd?: boolean;
  /** Threads the backend computes with (setup) or would compute with by default (probe). */
  threads?: number;
  /** Logical cores of this machine. */
  cores?: number;
  /** A GPU build is used (or would be). */
  gpu?: boolean;
  /** Why the backend runs with less than it could (e.g. why not threaded). */
  limit?: string;
}

/**
 * The outcome of an adapter's `probe()`.
 *
 * @example
 * const p: BackendProbe = { available: false, reason: '@tensorflow/tfjs-node: not installed', details: {} };
 */
export interface BackendProbe {
  available: boolean;
  /** Why not, when not available. */
  reason?: string;
  details: BackendDetails;
}

/**
 * A backend adapter. `N` is the name users pass, `O` the options of its
 * setup and `D` what its setup reports.
 *
 * @example
 * const cpu: BackendAdapter<'cpu'> = defineBackend({ name: 'cpu', tfjsBackend: 'cpu', description: 'plain JavaScript',
 *   hints: {}, probe: async () => ({ available: true, details: {} }), setup: async () => ({}) });
 */
export interface BackendAdapter<N extends string = string, O = any, D extends BackendDetails = BackendDetails> {
  /** The name users pass (`--backend <name>`): lower-case letters, digits and dashes. */
  name: N;
  /** The name tfjs registers the backend under (`tf.getBackend()` once it is active). */
  tfjsBackend: string;
  /** One line for `hourglass backends` and docs. */
  description: string;
  /** Tuning hints of its kernels (see `BackendHints`); `{}` when the defaults suit it. */
  hints: BackendHints;
  /** Whether it can run here, and what it offers, without selecting it. Never rejects. */
  probe(): Promise<BackendProbe>;
  /** Loads, initialises and activates it (`tf.getBackend() === tfjsBackend` afterwards). */
  setup(options?: O): Promise<D>;
}

/**
 * Validates a backend adapter and returns it, its probe made total (errors
 * become `{ available: false, reason }`) and its setup declaring its hints.
 *
 * @example
 * export const cpuBackend = defineBackend({
 *   name: 'cpu', tfjsBackend: 'cpu', description: 'plain JavaScript (slow)', hints: {},
 *   probe: async () => ({ available: true, details: {} }),
 *   setup: async () => { await tf.setBackend('cpu'); return {}; },
 * });
 */
export function defineBackend<const N extends string, O = undefined, D extends BackendDetails = BackendDetails>(
  def: BackendAdapter<N, O, D>,
): BackendAdapter<N, O, D> {
  if (!/^[a-z][a-z0-9-]*$/.test(def.name ?? ''))
    throw new ConfigError(`backend name "${def.name}" must be lower-case letters, digits and dashes`);
  if (typeof def.tfjsBackend !== 'string' || def.tfjsBackend === '')
    throw new ConfigError(`backend "${def.name}" must name the tfjs backend it provides (tfjsBackend)`);
  if (typeof def.description !== 'string' || def.description === '')
    throw new ConfigError(`backend "${def.name}" must have a one-line description`);
  if (def.hints == null || typeof def.hints !== 'object')
    throw new ConfigError(`backend "${def.name}" must declare its hints (an object, {} when none)`);
  for (const fn of ['probe', 'setup'] as const)
    if (typeof def[fn] !== 'function') throw new ConfigError(`backend "${def.name}" must define ${fn}()`);
  return {
    ...def,
    async probe() {
      try {
        return await def.probe();
      } catch (e) {
        return { available: false, reason: firstLine(e), details: {} };
      }
    },
    async setup(options) {
      const details = await def.setup(options);
      declareBackendHints(def.tfjsBackend, def.hints);
      return details;
    },
  };
}

/** The first line of an error's message: what a one-line report shows. */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

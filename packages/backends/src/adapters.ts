/**
 * The one list of backends. `selectBackend('auto')` tries them in this
 * order, `--backend` takes their names, and `hourglass backends` lists
 * them. A new backend package adds one line here.
 */
import { nodeBackend } from '@hourglass/backend-node';
import { wasmBackend } from '@hourglass/backend-wasm';
import { cpuBackend } from './cpu.js';

/**
 * Every backend adapter, in the order `auto` tries them.
 *
 * @example
 * ADAPTERS.map((a) => a.name); // ['node', 'wasm', 'cpu']
 */
export const ADAPTERS = [nodeBackend, wasmBackend, cpuBackend] as const;

/** The name of one of {@link ADAPTERS}. */
export type BackendName = (typeof ADAPTERS)[number]['name'];

/** What `--backend` and `selectBackend` take: a backend's name, or `auto`. */
export type BackendChoice = 'auto' | BackendName;

/**
 * The names `--backend` and `selectBackend` take.
 *
 * @example
 * BACKENDS; // ['auto', 'node', 'wasm', 'cpu']
 */
export const BACKENDS: readonly BackendChoice[] = ['auto', ...ADAPTERS.map((a) => a.name)];

/**
 * Presets: a name for a whole variant list, such as the Mult-VAE of Liang et
 * al. (an architecture, masking as input dropout and a variational latent
 * with KL annealing). A preset is expanded into plain `VariantChoice`s before
 * a model is made, so a saved model records the variants, never the preset,
 * and loads without it. Like variants, presets live in a Map on a global
 * symbol, shared by every copy of core in a process; a variant package
 * registers its presets from its `/register` entry.
 */
import { ConfigError } from '../errors.js';
import type { VariantChoice } from './contract.js';
import { checkName } from './registry.js';

/** The sizes a preset is given (the CLI's `--latent`, `--hidden` and `--loss`); each is optional, the preset has defaults. */
export interface PresetOptions {
  /** Code size. */
  latent?: number;
  /** Encoder widths, outermost first. */
  hidden?: number[];
  /** Reconstruction loss of the architecture. */
  loss?: string;
}

/** A named variant list. */
export interface PresetDefinition {
  /** Lower-case letters, digits and dashes, like a variant's name. */
  name: string;
  /** One line: what model the preset makes. */
  description: string;
  /** The variant list for the given sizes (a fresh list on every call). */
  variants: (o: PresetOptions) => VariantChoice[];
}

const KEY = Symbol.for('hourglass.presetRegistry');

function store(): Map<string, PresetDefinition> {
  const g = globalThis as unknown as Record<symbol, Map<string, PresetDefinition> | undefined>;
  return (g[KEY] ??= new Map());
}

/**
 * Two copies of one package (say its ESM and CJS builds) define the same
 * preset: the same description and the same list at the defaults. Their
 * functions are different objects with differently compiled source, so
 * neither identity nor source text can tell.
 */
const sameDefinition = (a: PresetDefinition, b: PresetDefinition) =>
  a === b || (a.description === b.description && JSON.stringify(a.variants({})) === JSON.stringify(b.variants({})));

/**
 * Adds a preset to the registry. Registering the same definition again is a
 * no-op (two copies of one package); another definition under a taken name
 * is an error.
 *
 * @example
 * registerPreset({
 *   name: 'denoising-ae',
 *   description: 'an undercomplete autoencoder trained on masked inputs',
 *   variants: (o) => [{ name: 'undercomplete', config: { ...o } }, { name: 'denoising', config: { noise: 'masking', rate: 0.3 } }],
 * });
 */
export function registerPreset(def: PresetDefinition): void {
  checkName('preset', def.name);
  if (typeof def.variants !== 'function') throw new ConfigError(`preset "${def.name}" must define variants()`);
  const existing = store().get(def.name);
  if (existing && !sameDefinition(existing, def))
    throw new ConfigError(`preset "${def.name}" is already registered with another definition; cannot register a second one under that name`);
  if (!existing) store().set(def.name, def);
}

/**
 * Looks a preset up by name; undefined when none is registered under it.
 *
 * @example
 * const variants = getPreset('mult-vae')?.variants({ latent: 64 }); // after importing '@hourglass/variant-mult-vae/register'
 */
export function getPreset(name: string): PresetDefinition | undefined {
  return store().get(name);
}

/**
 * All registered presets, sorted by name.
 *
 * @example
 * listPresets().map((p) => `${p.name}: ${p.variants({}).map((v) => v.name).join(',')}`);
 */
export function listPresets(): PresetDefinition[] {
  return [...store().values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Removes a preset (for tests).
 *
 * @example
 * unregisterPreset('my-test-preset');
 */
export function unregisterPreset(name: string): boolean {
  return store().delete(name);
}

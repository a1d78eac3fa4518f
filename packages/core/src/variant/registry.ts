/**
 * The variant registry: a Map on a global symbol, so two copies of core in
 * one process (say, two packages bundling different builds) share it. The CLI
 * and the model loader resolve variant names here; there is no switch
 * statement anywhere that lists variants.
 */
import { ConfigError } from '../errors.js';
import type { VariantDefinition, VariantInfo, VariantRole } from './contract.js';
import type { Field } from '../schema.js';

const KEY = Symbol.for('hourglass.variantRegistry');
type AnyVariant = VariantDefinition<VariantRole, Record<string, Field<unknown>>>;

function store(): Map<string, AnyVariant> {
  const g = globalThis as unknown as Record<symbol, Map<string, AnyVariant> | undefined>;
  return (g[KEY] ??= new Map());
}

/** Throws unless `name` is lower-case letters, digits and dashes (a variant's or a preset's name). */
export function checkName(kind: 'variant' | 'preset', name: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new ConfigError(`${kind} name "${name}" must be lower-case letters, digits and dashes`);
}

/**
 * Defines a variant: checks the definition has what its role needs and
 * returns it, typed. Registering is separate (`registerVariant`), so that
 * importing a definition has no side effects.
 *
 * @example
 * export const noisy = defineVariant({
 *   name: 'noisy', version: '1.0.0', role: 'corruption', description: 'adds noise',
 *   options: s.object({ std: s.number({ min: 0, default: 0.1 }) }),
 *   corrupt: (cfg, x, { seed }) => tf.add(x, tf.randomNormal(x.shape, 0, cfg.std, 'float32', seed)),
 * });
 */
export function defineVariant<R extends VariantRole, S extends Record<string, Field<unknown>>>(
  def: VariantDefinition<R, S>,
): VariantDefinition<R, S> {
  const required: Record<VariantRole, string[]> = {
    architecture: ['encoder', 'decoder', 'loss'],
    latent: ['heads', 'forward'],
    corruption: ['corrupt'],
    regularizer: ['terms'],
  };
  checkName('variant', def.name);
  const needs = required[def.role];
  if (!needs) throw new ConfigError(`variant "${def.name}": unknown role "${String(def.role)}"; allowed: ${Object.keys(required).join(', ')}`);
  for (const fn of needs)
    if (typeof (def as unknown as Record<string, unknown>)[fn] !== 'function')
      throw new ConfigError(`variant "${def.name}" (${def.role}) must define ${fn}()`);
  return def;
}

/**
 * Adds a variant to the registry. Registering the same name and version again
 * is a no-op (two copies of one package); another version under a taken name
 * is an error.
 */
export function registerVariant(def: VariantDefinition<VariantRole, any>): void {
  const existing = store().get(def.name);
  if (existing && existing !== def && existing.version !== def.version)
    throw new ConfigError(
      `variant "${def.name}" is already registered at version ${existing.version}; cannot also register ${def.version}`,
    );
  if (!existing) store().set(def.name, def as AnyVariant);
}

/**
 * Looks a variant up by name; the error lists what is registered.
 *
 * @example
 * getVariant('undercomplete').role; // 'architecture'
 */
export function getVariant(name: string): AnyVariant {
  const v = store().get(name);
  if (!v) {
    const known = listVariants().map((x) => x.name);
    throw new ConfigError(
      `unknown variant "${name}"; registered: ${known.length ? known.join(', ') : '(none)'} (a variant package registers itself when its "/register" entry is imported)`,
    );
  }
  return v;
}

/**
 * All registered variants' info, sorted by name.
 *
 * @example
 * listVariants().map((v) => `${v.name} (${v.role})`);
 */
export function listVariants(): Array<VariantInfo<VariantRole, Record<string, Field<unknown>>>> {
  return [...store().values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Removes a variant (for tests).
 *
 * @example
 * unregisterVariant('my-test-variant');
 */
export function unregisterVariant(name: string): boolean {
  return store().delete(name);
}

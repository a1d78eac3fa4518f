/**
 * Turning command-line flags into variant choices. The CLI knows no variant
 * by name: the first variant in `--variant` that is an architecture receives
 * the hyperparameter flags its schema declares (`--latent`, `--hidden`,
 * `--loss`), and `--set name.key=value` reaches any option of any variant.
 *
 * A single name in `--variant` that names a preset (`mult-vae`) is expanded
 * into the preset's list instead, with those three flags as its sizes; a
 * preset wins over a variant of the same name only there, so that
 * `--variant mult-vae,denoising` still means the architecture alone.
 */
import { ConfigError, getPreset, getVariant, type VariantChoice } from '@hourglass/core';

/** Parses `--hidden 128,64` into [128, 64]. */
export function parseIntList(value: string, flag: string): number[] {
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  const nums = items.map(Number);
  if (!items.length || nums.some((n) => !Number.isInteger(n) || n < 1))
    throw new ConfigError(`${flag}: expected comma-separated positive integers such as 128,64, got "${value}"`);
  return nums;
}

/**
 * Parses one `--set variant.key=value` or `--set variant#k.key=value` (the
 * k-th occurrence of a repeated variant, from 1; value as JSON when it
 * parses, else a string).
 *
 * @example
 * parseSet('denoising#2.noise=blur'); // { variant: 'denoising', occurrence: 2, key: 'noise', value: 'blur' }
 */
export function parseSet(entry: string): { variant: string; occurrence: number; key: string; value: unknown } {
  const m = /^([a-z][a-z0-9-]*)(?:#([1-9][0-9]*))?\.([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(entry);
  if (!m) throw new ConfigError(`--set: expected variant.option=value (e.g. denoising.std=0.4, or denoising#2.std=0.4 for a second denoising), got "${entry}"`);
  let value: unknown = m[4];
  try {
    value = JSON.parse(m[4]);
  } catch {
    /* a bare string */
  }
  return { variant: m[1], occurrence: m[2] ? Number(m[2]) : 1, key: m[3], value };
}

/** Architecture hyperparameters given as their own flags. */
export interface ArchitectureFlags {
  latent?: number;
  hidden?: number[];
  loss?: string;
}

/**
 * Builds the variant list from `--variant` (variant names, or one preset's
 * name), the hyperparameter flags and `--set` entries.
 *
 * @example
 * variantChoices('mult-vae', { latent: 64 }, ['variational.beta=0.3']); // the preset's three variants, code size 64, beta 0.3
 */
export function variantChoices(variantList: string, flags: ArchitectureFlags, sets: string[]): VariantChoice[] {
  const names = variantList.split(',').map((v) => v.trim()).filter(Boolean);
  if (!names.length) throw new ConfigError('--variant: expected at least one variant name');
  const preset = names.length === 1 ? getPreset(names[0]) : undefined;
  const choices = preset ? presetChoices(preset.name, preset.variants(flags)) : flagChoices(names, flags);
  const listedNames = choices.map((c) => c.name).join(',');
  for (const entry of sets) {
    const { variant, occurrence, key, value } = parseSet(entry);
    const listed = choices.filter((c) => c.name === variant);
    if (!listed.length)
      throw new ConfigError(`--set ${entry}: variant "${variant}" is not in --variant (${preset ? `preset ${preset.name}: ${listedNames}` : listedNames})`);
    const target = listed[occurrence - 1];
    if (!target)
      throw new ConfigError(`--set ${entry}: --variant lists "${variant}" ${listed.length === 1 ? 'once' : `${listed.length} times`}, so there is no occurrence #${occurrence}`);
    target.config![key] = value;
  }
  return choices;
}

/** Variant names as choices, the first architecture given the hyperparameter flags its schema declares. */
function flagChoices(names: string[], flags: ArchitectureFlags): VariantChoice[] {
  const choices: VariantChoice[] = names.map((name) => ({ name, config: {} }));
  const arch = choices.find((c) => getVariant(c.name).role === 'architecture');
  if (arch) {
    const fields = getVariant(arch.name).options.fields;
    for (const [key, value] of Object.entries(flags)) {
      if (value === undefined) continue;
      if (!Object.hasOwn(fields, key)) throw new ConfigError(`--${key}: architecture "${arch.name}" has no "${key}" option`);
      arch.config![key] = value;
    }
  }
  return choices;
}

/** A preset's expansion as choices of their own (`--set` writes into them), each with a config object. */
function presetChoices(preset: string, expanded: VariantChoice[]): VariantChoice[] {
  if (!Array.isArray(expanded) || !expanded.length) throw new ConfigError(`--variant ${preset}: the preset expands to no variants`);
  return expanded.map((c) => ({ name: c.name, config: { ...c.config } }));
}

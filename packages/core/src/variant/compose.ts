/**
 * Composition rules. A model's variant list must hold exactly one
 * architecture and at most one latent; corruptions apply in the order given;
 * regularizers add up. Only a corruption may be listed more than once (each
 * occurrence with its own configuration, e.g. blur then noise, to combine
 * kinds of damage); any other variant appears at most once. Each configuration is
 * validated by its variant's schema here, so a saved model stores only
 * parsed, defaulted configurations.
 */
import { ConfigError } from '../errors.js';
import type {
  ArchitecturePlugin,
  CorruptionPlugin,
  LatentPlugin,
  RegularizerPlugin,
  VariantChoice,
  VariantRole,
} from './contract.js';
import { getVariant } from './registry.js';

/** A variant with its parsed configuration. */
export interface Resolved<P> {
  name: string;
  version: string;
  role: VariantRole;
  config: Record<string, unknown>;
  plugin: P;
}

/** A validated list of variants, by role. */
export interface Composition {
  architecture: Resolved<ArchitecturePlugin<any>>;
  latent?: Resolved<LatentPlugin<any>>;
  corruptions: Array<Resolved<CorruptionPlugin<any>>>;
  regularizers: Array<Resolved<RegularizerPlugin<any>>>;
  /** All variants in the order given. */
  all: Array<Resolved<unknown>>;
}

/**
 * Validates a list of variant choices against the registry and the rules above.
 *
 * @example
 * const c = composeVariants([{ name: 'undercomplete', config: { latent: 16 } }, { name: 'denoising' }]);
 */
export function composeVariants(choices: readonly VariantChoice[]): Composition {
  if (choices.length === 0) throw new ConfigError('a model needs at least one variant (an architecture such as "undercomplete")');
  const seen = new Set<string>();
  const all: Array<Resolved<unknown>> = choices.map((choice) => {
    const def = getVariant(choice.name);
    if (seen.has(choice.name) && def.role !== 'corruption')
      throw new ConfigError(`variant "${choice.name}" is listed twice; only corruption variants may repeat (it is ${article(def.role)} ${def.role})`);
    seen.add(choice.name);
    const config = def.options.parse(choice.config ?? {}, `variant "${def.name}"`) as Record<string, unknown>;
    return { name: def.name, version: def.version, role: def.role, config, plugin: def };
  });
  const byRole = (role: VariantRole) => all.filter((v) => v.role === role);
  const archs = byRole('architecture');
  if (archs.length !== 1) {
    const names = archs.map((a) => `"${a.name}"`).join(' and ');
    throw new ConfigError(
      archs.length === 0
        ? `no architecture among variants [${choices.map((c) => c.name).join(', ')}]; add exactly one (e.g. "undercomplete")`
        : `a model has exactly one architecture, got ${names}`,
    );
  }
  const latents = byRole('latent');
  if (latents.length > 1)
    throw new ConfigError(`a model has at most one latent, got ${latents.map((l) => `"${l.name}"`).join(' and ')}`);
  return {
    architecture: archs[0] as Resolved<ArchitecturePlugin<any>>,
    latent: latents[0] as Resolved<LatentPlugin<any>> | undefined,
    corruptions: byRole('corruption') as Array<Resolved<CorruptionPlugin<any>>>,
    regularizers: byRole('regularizer') as Array<Resolved<RegularizerPlugin<any>>>,
    all,
  };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

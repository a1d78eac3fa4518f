/**
 * Building a model's parts from its recipe: the variants are composed, then
 * the encoder, the latent heads and the decoder are built in that order from
 * one seeded stream. `Autoencoder` runs it for real; `recipeSize` runs it
 * under `withoutWeights`, so both see exactly the same layers and weights.
 */
import { ConfigError } from '../errors.js';
import { createRng } from '../rng.js';
import { sizeOf } from '../shape.js';
import type { NamedWeight } from '../layers/layer.js';
import { buildStack, type Stack } from '../layers/stack.js';
import type { ReconstructionLossName } from '../losses/reconstruction.js';
import { composeVariants, type Composition } from '../variant/compose.js';
import type { ModelRecipe } from './recipe.js';

/** What a recipe builds: the composed variants and the three kinds of stacks. */
export interface ModelParts {
  recipe: Required<ModelRecipe>;
  composition: Composition;
  loss: ReconstructionLossName;
  encoder: Stack;
  heads: Record<string, Stack>;
  decoder: Stack;
  featureShape: number[];
  codeShape: number[];
}

/**
 * Builds the parts of a model from its recipe (weights as `makeWeight`
 * makes them in the current scope). A `composition` already made from
 * `recipe.variants` is used as it is instead of composing them again.
 *
 * @example
 * const parts = withoutWeights(() => buildParts({ inputShape: [784], variants: [{ name: 'undercomplete' }] }));
 */
export function buildParts(recipe: ModelRecipe, composed?: Composition): ModelParts {
  if (!Array.isArray(recipe.inputShape) || recipe.inputShape.length === 0 || recipe.inputShape.some((d) => !Number.isInteger(d) || d < 1))
    throw new ConfigError(`inputShape: expected a non-empty array of positive integers, got ${JSON.stringify(recipe.inputShape)}`);
  const seed = recipe.seed ?? 0;
  const composition = composed ? checkComposition(composed, recipe) : composeVariants(recipe.variants);
  // Store parsed configurations, so a saved recipe is complete and explicit.
  const full = {
    inputShape: [...recipe.inputShape],
    seed,
    variants: composition.all.map((v) => ({ name: v.name, config: v.config })),
  };
  const rng = createRng(seed);
  const arch = composition.architecture;
  const ctx = { inputShape: full.inputShape };
  const loss = arch.plugin.loss(arch.config);
  const encoder = buildStack('encoder', arch.plugin.encoder(arch.config, ctx), ctx.inputShape, rng.fork('encoder'));
  const featureShape = encoder.outputShape;
  const heads: Record<string, Stack> = {};
  let codeShape = featureShape;
  const latent = composition.latent;
  if (latent) {
    const built = latent.plugin.heads(latent.config, { featureShape, inputShape: full.inputShape });
    for (const [name, specs] of Object.entries(built.heads)) heads[name] = buildStack(`latent/${name}`, specs, featureShape, rng.fork(`latent/${name}`));
    codeShape = built.codeShape;
  }
  const decoder = buildStack('decoder', arch.plugin.decoder(arch.config, { ...ctx, codeShape }), codeShape, rng.fork('decoder'));
  const out = decoder.outputShape;
  if (sizeOf(out) !== sizeOf(ctx.inputShape) || out.length !== ctx.inputShape.length || out.some((d, i) => d !== ctx.inputShape[i]))
    throw new ConfigError(`architecture "${arch.name}": decoder output [${out.join(', ')}] does not match the input shape [${ctx.inputShape.join(', ')}]`);
  return { recipe: full, composition, loss, encoder, heads, decoder, featureShape, codeShape: [...codeShape] };
}

/** `composed`, after checking that it was made from the recipe's variants (same names, same order). */
function checkComposition(composed: Composition, recipe: ModelRecipe): Composition {
  const given = composed.all.map((v) => v.name);
  const listed = recipe.variants.map((v) => v.name);
  if (given.length !== listed.length || given.some((name, i) => name !== listed[i]))
    throw new ConfigError(`the composition holds variants [${given.join(', ')}] but the recipe lists [${listed.join(', ')}]; compose the recipe's own variants`);
  return composed;
}

/**
 * The trainable weights of built parts, in the model's stable order (encoder, heads, decoder).
 *
 * @example
 * const names = partsWeights(parts).map((w) => w.name);
 */
export function partsWeights(parts: Pick<ModelParts, 'encoder' | 'heads' | 'decoder'>): NamedWeight[] {
  return [...parts.encoder.weights, ...Object.values(parts.heads).flatMap((h) => h.weights), ...parts.decoder.weights];
}

/**
 * Building a model's parts from its recipe: the variants are composed, then
 * the encoder, the latent heads, the decoder (absent for a 'predict' target)
 * and the predictor (only with a target) are built in that order from one
 * seeded stream. `Autoencoder` runs it for real; `recipeSize` runs it
 * under `withoutWeights`, so both see exactly the same layers and weights.
 */
import { ConfigError } from '../errors.js';
import { createRng } from '../rng.js';
import { sizeOf } from '../shape.js';
import type { NamedWeight } from '../layers/layer.js';
import { buildStack, PULLBACK_LAYERS, type Stack } from '../layers/stack.js';
import type { ReconstructionLossName } from '../losses/reconstruction.js';
import { composeVariants, type Composition } from '../variant/compose.js';
import type { FullRecipe, ModelRecipe } from './recipe.js';
import { parseTarget } from './prediction-target.js';
import { parseResidual } from './residual.js';
import { conditionWidth, parseCondition, widenShape } from './condition.js';

/** What a recipe builds: the composed variants and the four kinds of stacks. */
export interface ModelParts {
  recipe: FullRecipe;
  composition: Composition;
  loss: ReconstructionLossName;
  encoder: Stack;
  heads: Record<string, Stack>;
  /** Absent when the target's objective is 'predict'. */
  decoder?: Stack;
  /** Present when the recipe has a target. */
  predictor?: Stack;
  /** The learned embedding of the condition (recipe.condition.embedding > 0). */
  conditioner?: Stack;
  /** Width of the condition vector core appends to features and codes (0: unconditional). */
  conditionWidth: number;
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
  const target = parseTarget(recipe.target);
  const condition = parseCondition(recipe.condition);
  const composition = composed ? checkComposition(composed, recipe) : composeVariants(recipe.variants);
  // Store parsed configurations, so a saved recipe is complete and explicit.
  const full: FullRecipe = {
    inputShape: [...recipe.inputShape],
    seed,
    variants: composition.all.map((v) => ({ name: v.name, config: v.config })),
  };
  if (target) full.target = target;
  if (condition) full.condition = condition;
  const arch = composition.architecture;
  const loss = arch.plugin.loss(arch.config);
  if (parseResidual(recipe.residual, composition, target, loss)) full.residual = true;
  const width = conditionWidth(condition);
  const rng = createRng(seed);
  // Plug-ins hear of a condition only through `conditionWidth`; unconditional contexts stay as they were.
  const ctx = width > 0 ? { inputShape: full.inputShape, conditionWidth: width } : { inputShape: full.inputShape };
  const encoder = buildStack('encoder', arch.plugin.encoder(arch.config, ctx), ctx.inputShape, rng.fork('encoder'));
  checkJacobianLayers(composition, encoder);
  const featureShape = encoder.outputShape;
  const heads: Record<string, Stack> = {};
  let codeShape = featureShape;
  const latent = composition.latent;
  if (latent) {
    const headInput = widenShape(featureShape, width);
    const headCtx = width > 0 ? { featureShape: headInput, inputShape: full.inputShape, conditionWidth: width } : { featureShape, inputShape: full.inputShape };
    const built = latent.plugin.heads(latent.config, headCtx);
    for (const [name, specs] of Object.entries(built.heads)) heads[name] = buildStack(`latent/${name}`, specs, headInput, rng.fork(`latent/${name}`));
    codeShape = built.codeShape;
  }
  const decoderInput = widenShape(codeShape, width);
  let decoder: Stack | undefined;
  if (target?.objective !== 'predict') {
    decoder = buildStack('decoder', arch.plugin.decoder(arch.config, { ...ctx, codeShape: decoderInput }), decoderInput, rng.fork('decoder'));
    checkOutput(arch.name, 'decoder', decoder.outputShape, 'the input shape', ctx.inputShape);
  }
  let predictor: Stack | undefined;
  if (target) {
    const targetShape = [...target.shape];
    const specs = arch.plugin.predictor
      ? arch.plugin.predictor(arch.config, { ...ctx, codeShape: decoderInput, targetShape })
      : arch.plugin.decoder(arch.config, { ...ctx, inputShape: targetShape, codeShape: decoderInput });
    predictor = buildStack('predictor', specs, decoderInput, rng.fork('predictor'));
    checkOutput(arch.name, 'predictor', predictor.outputShape, 'the target shape', targetShape);
  }
  const conditioner = condition && condition.embedding > 0
    ? buildStack('condition', [{ type: 'dense', units: condition.embedding, useBias: false }], [condition.classes], rng.fork('condition'))
    : undefined;
  return { recipe: full, composition, loss, encoder, heads, decoder, predictor, conditioner, conditionWidth: width, featureShape, codeShape: [...codeShape] };
}

/** Throws unless a stack's output shape is `expected`. */
function checkOutput(arch: string, stack: string, out: number[], what: string, expected: number[]): void {
  if (sizeOf(out) !== sizeOf(expected) || out.length !== expected.length || out.some((d, i) => d !== expected[i]))
    throw new ConfigError(`architecture "${arch}": ${stack} output [${out.join(', ')}] does not match ${what} [${expected.join(', ')}]`);
}

/** Refuses an encoder a Jacobian regularizer cannot pull back through, naming the layer, the architecture and what works. */
function checkJacobianLayers(composition: Composition, encoder: Stack): void {
  const needs = composition.regularizers.find((r) => r.plugin.encoderJacobian);
  if (!needs) return;
  const layer = encoder.layers.find((l) => !l.pullback);
  if (!layer) return;
  throw new ConfigError(
    `variant "${needs.name}" needs the encoder's Jacobian, but architecture "${composition.architecture.name}" has encoder layer "${layer.name}" (${layer.type}), which cannot pull one back; ` +
      `use an architecture whose encoder is built of ${PULLBACK_LAYERS} layers (e.g. "undercomplete", "convolutional" or "temporal-conv")`,
    { field: 'variants' },
  );
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
 * The trainable weights of built parts, in the model's stable order (encoder, heads, decoder, predictor, condition embedding).
 *
 * @example
 * const names = partsWeights(parts).map((w) => w.name);
 */
export function partsWeights(parts: Pick<ModelParts, 'encoder' | 'heads' | 'decoder' | 'predictor' | 'conditioner'>): NamedWeight[] {
  return [
    ...parts.encoder.weights,
    ...Object.values(parts.heads).flatMap((h) => h.weights),
    ...(parts.decoder?.weights ?? []),
    ...(parts.predictor?.weights ?? []),
    ...(parts.conditioner?.weights ?? []),
  ];
}

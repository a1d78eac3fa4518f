/**
 * The composed autoencoder. Built from a recipe (input shape, variants,
 * seed), it owns an encoder stack, optional latent heads and a decoder stack,
 * and exposes each half on its own: `encode`, `decode`, plus `reconstruct`,
 * `score` (per-sample reconstruction error, for anomaly detection) and
 * `generate` (when the latent has a prior).
 *
 * `step` is the one function the trainer calls: the data flow of a training
 * step, returning `{ loss, terms }` as scalars.
 */
import { tf } from '../tf.js';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { createRng } from '../rng.js';
import type { NamedWeight } from '../layers/layer.js';
import { checkBatchShape, type Stack } from '../layers/stack.js';
import { disposeOnThrow } from '../layers/weight-scope.js';
import { buildParts, partsWeights } from './build.js';
import { DEFAULT_MAX_PARAMETERS, checkParameterLimit, recipeSize } from './size.js';
import { outputFromLogits, reconstructionLoss, type ReconstructionLossName } from '../losses/reconstruction.js';
import { composeVariants, type Composition } from '../variant/compose.js';
import type { ModelRecipe } from './recipe.js';

export type { ModelRecipe };

/** Options of one training step. */
export interface StepOptions {
  /** Seed for this step's corruption noise, sampling and dropout. */
  seed: number;
  /** Observed-entry mask, same shape as the batch (1 = counts). */
  mask?: Tensor;
}

/** Options of `Autoencoder.create`. */
export interface CreateOptions {
  /** Largest parameter count accepted (default `DEFAULT_MAX_PARAMETERS`, 250 million). */
  maxParameters?: number;
  /**
   * The recipe's variants, already composed (`composeVariants(recipe.variants)`),
   * e.g. by a caller that composed them early to report configuration errors;
   * otherwise `create` composes them itself, once.
   */
  composition?: Composition;
}

/** A training step's outputs: the scalar total and each named scalar term. */
export interface StepResult {
  loss: Scalar;
  terms: Record<string, Scalar>;
}


/** A built, trainable autoencoder. */
export class Autoencoder {
  readonly recipe: Required<ModelRecipe>;
  readonly composition: Composition;
  readonly encoder: Stack;
  readonly heads: Record<string, Stack>;
  readonly decoder: Stack;
  readonly loss: ReconstructionLossName;
  readonly featureShape: number[];
  readonly codeShape: number[];
  /**
   * Fitted data scaling (a `ScalerJSON` of @hourglass/data), saved with the
   * model; apply it to new data with `scalerFromJSON(model.scaling)` before
   * `encode` or `score` (the model itself does not).
   */
  scaling?: unknown;
  /** Free-form metadata saved with the model (dataset name, labels ...). */
  metadata: Record<string, unknown> = {};

  /**
   * Builds a model from its recipe. Its size is worked out first, without
   * allocating (`recipeSize`): a model over `options.maxParameters` is
   * refused with a ConfigError, and a build that fails part-way releases the
   * weights it made.
   *
   * @example
   * import '@hourglass/variant-undercomplete/register';
   * const model = Autoencoder.create({ inputShape: [784], variants: [{ name: 'undercomplete', config: { latent: 32 } }], seed: 1 });
   * const codes = model.encode(x); // [n, 32]
   */
  static create(recipe: ModelRecipe, options: CreateOptions = {}): Autoencoder {
    const composition = options.composition ?? composeVariants(recipe.variants);
    checkParameterLimit(recipeSize(recipe, undefined, composition), options.maxParameters ?? DEFAULT_MAX_PARAMETERS);
    return disposeOnThrow(() => new Autoencoder(recipe, composition));
  }

  private constructor(recipe: ModelRecipe, composition: Composition) {
    const parts = buildParts(recipe, composition);
    this.recipe = parts.recipe;
    this.composition = parts.composition;
    this.loss = parts.loss;
    this.encoder = parts.encoder;
    this.heads = parts.heads;
    this.decoder = parts.decoder;
    this.featureShape = parts.featureShape;
    this.codeShape = parts.codeShape;
  }

  /** Every trainable weight, in a stable order (encoder, heads, decoder). */
  get weights(): NamedWeight[] {
    return partsWeights(this);
  }

  /** Number of trainable parameters. */
  get parameterCount(): number {
    return this.weights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** Names of the variants, in order. */
  get variantNames(): string[] {
    return this.composition.all.map((v) => v.name);
  }

  /**
   * Whether `generate` works: the model's latent has a prior to sample from
   * (e.g. the "variational" variant).
   *
   * @example
   * if (model.canGenerate) images = model.generate(16, 1);
   */
  get canGenerate(): boolean {
    return this.composition.latent?.plugin.prior !== undefined;
  }

  /**
   * Codes for a batch (deterministic: a VAE gives its means).
   *
   * @example
   * const z = model.encode(x); // [n, ...codeShape]
   */
  encode(x: Tensor): Tensor {
    checkBatchShape('encode', this.recipe.inputShape, x.shape);
    return tf.tidy(() => this.codeFrom(this.encoder.apply(x, { training: false }), false).code);
  }

  /**
   * Outputs for a batch of codes, in data space (sigmoid applied for BCE models).
   *
   * @example
   * const images = model.decode(tf.randomNormal([4, 2]));
   */
  decode(code: Tensor): Tensor {
    checkBatchShape('decode', this.codeShape, code.shape);
    return tf.tidy(() => outputFromLogits(this.loss, this.decoder.apply(code, { training: false })));
  }

  /** decode(encode(x)), without corruption or sampling. */
  reconstruct(x: Tensor): Tensor {
    checkBatchShape('reconstruct', this.recipe.inputShape, x.shape);
    return tf.tidy(() => outputFromLogits(this.loss, this.logitsOf(x)));
  }

  /**
   * Per-sample reconstruction error (the model's loss, mean over entries),
   * shape [n]: the anomaly score.
   */
  score(x: Tensor, mask?: Tensor): Tensor {
    checkBatchShape('score', this.recipe.inputShape, x.shape);
    return tf.tidy(() => reconstructionLoss(this.loss, this.logitsOf(x), x, mask));
  }

  /**
   * Samples `n` new outputs from the latent prior. Needs a generative latent
   * (e.g. the "variational" variant): see `canGenerate`.
   */
  generate(n: number, seed: number): Tensor {
    const latent = this.composition.latent;
    if (!latent?.plugin.prior)
      throw new ConfigError(`this model cannot generate: variants [${this.variantNames.join(', ')}] have no prior; add a generative latent such as "variational"`);
    const prior = latent.plugin.prior.bind(latent.plugin);
    return tf.tidy(() => this.decode(prior(latent.config, { n, codeShape: this.codeShape, seed })));
  }

  /**
   * One training step's loss: corruptions, encoder, latent, decoder,
   * reconstruction against the clean batch, plus every variant's terms.
   * Call it inside `tf.variableGrads` (the trainer does).
   */
  step(x: Tensor, opts: StepOptions): StepResult {
    checkBatchShape('train', this.recipe.inputShape, x.shape);
    const rng = createRng(opts.seed);
    const nextSeed = () => rng.nextSeed();
    let input = x;
    for (const c of this.composition.corruptions) input = c.plugin.corrupt(c.config, input, { seed: nextSeed() });
    const hidden: Tensor[] = [];
    // The batch is data: no gradient is needed with respect to it.
    const features = this.encoder.apply(input, { training: true, nextSeed, inputGradient: false }, hidden);
    const { code, terms: latentTerms } = this.codeFrom(features, true, nextSeed);
    const logits = this.decoder.apply(code, { training: true, nextSeed });
    const perSample: Record<string, Tensor> = { reconstruction: reconstructionLoss(this.loss, logits, x, opts.mask) };
    Object.assign(perSample, latentTerms);
    for (const r of this.composition.regularizers) {
      const t = r.plugin.terms(r.config, { x, input, features, code, hidden, encoder: this.encoder, nextSeed });
      for (const [name, value] of Object.entries(t)) {
        if (name in perSample) throw new ConfigError(`variant "${r.name}" returns term "${name}", which another part of the model already uses`);
        perSample[name] = value;
      }
    }
    const terms: Record<string, Scalar> = {};
    for (const [name, value] of Object.entries(perSample)) terms[name] = tf.mean(value) as Scalar;
    const values = Object.values(terms);
    const loss = (values.length === 1 ? values[0] : tf.addN(values)) as Scalar;
    return { loss, terms };
  }

  /** Releases every weight. The model is unusable afterwards. */
  dispose(): void {
    for (const w of this.weights) w.variable.dispose();
  }

  private logitsOf(x: Tensor): Tensor {
    const features = this.encoder.apply(x, { training: false });
    return this.decoder.apply(this.codeFrom(features, false).code, { training: false });
  }

  private codeFrom(features: Tensor, training: boolean, nextSeed?: () => number) {
    const latent = this.composition.latent;
    if (!latent) return { code: features, terms: undefined };
    return latent.plugin.forward(latent.config, { features, heads: this.heads, training, nextSeed, inputShape: this.recipe.inputShape });
  }
}

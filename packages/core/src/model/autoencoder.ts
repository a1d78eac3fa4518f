/**
 * The composed autoencoder. Built from a recipe (input shape, variants,
 * seed, optional target), it owns an encoder stack, optional latent heads,
 * a decoder stack and, with a target, a predictor stack, and exposes each
 * part on its own: `encode`, `decode`, `predict`, plus `reconstruct`,
 * `score` (per-sample reconstruction or prediction error, for anomaly
 * detection) and `generate` (when the latent has a prior).
 *
 * A conditional model (`recipe.condition`, e.g. the conditional VAE) takes
 * each sample's class as an optional trailing argument: Int32 class indices
 * [n] (or float rows [n, classes], one-hot or mixed); every call that needs
 * it says so when it is missing. See `condition.ts` for where core injects it.
 *
 * A 'predict' model has no decoder: `decode` and `reconstruct` throw a
 * ConfigError, and its score is the prediction error against `y`. A
 * 'composite' model has both decoders fed by one code.
 *
 * `step` is the one function the trainer calls: the data flow of a training
 * step, returning `{ loss, terms }` as scalars.
 */
import { tf } from '../tf.js';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors.js';
import { sizeOf } from '../shape.js';
import { createRng } from '../rng.js';
import type { NamedWeight } from '../layers/layer.js';
import { checkBatchShape, type Stack } from '../layers/stack.js';
import { disposeOnThrow } from '../layers/weight-scope.js';
import { buildParts, partsWeights } from './build.js';
import { DEFAULT_MAX_PARAMETERS, checkParameterLimit, recipeSize } from './size.js';
import { outputFromLogits, reconstructionLoss, type ReconstructionLossName } from '../losses/reconstruction.js';
import { composeVariants, type Composition } from '../variant/compose.js';
import type { FullRecipe, ModelCondition, ModelRecipe, ModelTarget } from './recipe.js';
import { appendCondition, classIndices, conditionRows } from './condition.js';
import { inputLogits } from './residual.js';

export type { ModelRecipe, ModelTarget, ModelCondition, FullRecipe };

/** Options of one training step. */
export interface StepOptions {
  /** Seed for this step's corruption noise, sampling and dropout. */
  seed: number;
  /** Observed-entry mask, same shape as the batch (1 = counts). */
  mask?: Tensor;
  /**
   * This step's position in the run, counted in optimizer steps from 0
   * (epoch x batches per epoch + batch; the trainer sets it when it knows
   * the epoch's size), for schedules inside the model such as KL annealing.
   * A function of the position only, so a resumed run repeats it.
   */
  trainingStep?: number;
  /** The batch's targets, [n, ...target.shape]; needed by models with a target. */
  y?: Tensor;
  /** The batch's classes, one-hot rows [n, classes] (or Int32 indices [n]); needed by conditional models. */
  condition?: Tensor;
}

/** Options of `Autoencoder.generate`. */
export interface GenerateOptions {
  /** Conditional models: the class of every sample, or one class per sample (length n). */
  condition?: number | Int32Array;
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
  readonly recipe: FullRecipe;
  readonly composition: Composition;
  readonly encoder: Stack;
  readonly heads: Record<string, Stack>;
  /** The reconstruction decoder; absent when the target's objective is 'predict'. */
  readonly decoder?: Stack;
  /** The prediction decoder (weights `predictor/...`); present when the recipe has a target. */
  readonly predictor?: Stack;
  /** The learned embedding of the condition (weights `condition/...`); present when `recipe.condition.embedding` > 0. */
  readonly conditioner?: Stack;
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
    this.predictor = parts.predictor;
    this.conditioner = parts.conditioner;
    this.featureShape = parts.featureShape;
    this.codeShape = parts.codeShape;
  }

  /** Every trainable weight, in a stable order (encoder, heads, decoder, predictor, condition embedding). */
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
   * Whether the model is conditioned on a class label (`recipe.condition`):
   * training data then needs `condition`, and `decode`, `reconstruct`,
   * `generate` (and `encode`, with a latent) need each sample's class.
   *
   * @example
   * const digits = model.isConditional ? model.generate(10, 1, { condition: 7 }) : model.generate(10, 1);
   */
  get isConditional(): boolean {
    return this.recipe.condition !== undefined;
  }

  /**
   * Number of classes of a conditional model (labels 0 .. classes - 1); 0 when unconditional.
   *
   * @example
   * const classes = model.conditionClasses; // 10 for a conditional MNIST model
   */
  get conditionClasses(): number {
    return this.recipe.condition?.classes ?? 0;
  }

  /**
   * Whether the model predicts a target (`recipe.target`): `predict` works
   * and training data needs `y`.
   *
   * @example
   * if (model.hasPredictor) forecast = model.predict(windows); // [n, ...model.recipe.target.shape]
   */
  get hasPredictor(): boolean {
    return this.predictor !== undefined;
  }

  /**
   * Codes for a batch (deterministic: a VAE gives its means). A conditional
   * model with a latent needs each sample's class (its encoder features
   * carry it into the latent); without a latent the condition is not used.
   *
   * @example
   * const z = model.encode(x); // [n, ...codeShape]
   * const zc = cvae.encode(x, tf.tensor1d([3, 7], 'int32'));
   */
  encode(x: Tensor, condition?: Tensor): Tensor {
    checkBatchShape('encode', this.recipe.inputShape, x.shape);
    return tf.tidy(() => {
      const c = this.conditionOf('encode', x.shape[0], condition, this.composition.latent !== undefined);
      return this.codeFrom(this.featuresOf(x, c, { training: false }), false).code;
    });
  }

  /**
   * Outputs for a batch of codes, in data space (sigmoid applied for BCE
   * models). A conditional model needs each code's class.
   *
   * @example
   * const images = model.decode(tf.randomNormal([4, 2]));
   * const sevens = cvae.decode(tf.randomNormal([4, 2]), tf.tensor1d([7, 7, 7, 7], 'int32'));
   */
  decode(code: Tensor, condition?: Tensor): Tensor {
    const decoder = this.reconstructing('decode');
    if (this.recipe.residual)
      throw new ConfigError('decode: this model is residual (its output is a correction to its input), so a code alone does not give an output; use reconstruct(x)', { field: 'residual' });
    checkBatchShape('decode', this.codeShape, code.shape);
    return tf.tidy(() => {
      const c = this.conditionOf('decode', code.shape[0], condition, true);
      return outputFromLogits(this.loss, decoder.apply(this.decoderInput(code, c), { training: false }));
    });
  }

  /**
   * decode(encode(x)), without corruption or sampling; a conditional model needs each sample's class.
   *
   * @example
   * const out = model.reconstruct(x); // same shape as x
   */
  reconstruct(x: Tensor, condition?: Tensor): Tensor {
    this.reconstructing('reconstruct');
    checkBatchShape('reconstruct', this.recipe.inputShape, x.shape);
    return tf.tidy(() => outputFromLogits(this.loss, this.logitsOf(x, this.conditionOf('reconstruct', x.shape[0], condition, true))));
  }

  /**
   * The predicted targets of a batch, in data space (sigmoid applied for
   * BCE models), shape [n, ...recipe.target.shape]; without corruption or
   * sampling. Needs a model with a target (see `hasPredictor`).
   *
   * @example
   * const next = model.predict(windows); // [n, horizon, features]
   */
  predict(x: Tensor, condition?: Tensor): Tensor {
    const predictor = this.predicting('predict');
    checkBatchShape('predict', this.recipe.inputShape, x.shape);
    return tf.tidy(() => {
      const c = this.conditionOf('predict', x.shape[0], condition, true);
      return outputFromLogits(this.loss, predictor.apply(this.decoderInput(this.codeOf(x, c), c), { training: false }));
    });
  }

  /**
   * The anomaly score of each sample, shape [n]: the reconstruction error
   * (the model's loss, mean over entries, over the observed ones with a
   * `mask`), or for a 'predict' model the prediction error against `y`
   * (which it then needs). A 'composite' model scores by reconstruction.
   *
   * @example
   * const scores = model.score(x);        // reconstruction error per sample
   * const errors = forecaster.score(x, y); // 'predict' model: prediction error per sample
   * const cScores = cvae.score(x, undefined, undefined, classes); // conditional model: classes [n] int32
   */
  score(x: Tensor, y?: Tensor, mask?: Tensor, condition?: Tensor): Tensor {
    checkBatchShape('score', this.recipe.inputShape, x.shape);
    if (y && !this.predictor)
      throw new ConfigError('score(x, y, mask): this model has no target, so y is not used; pass the mask as the third argument');
    if (this.recipe.target?.objective === 'predict') {
      return tf.tidy(() => {
        const target = this.targetOf('score', x, y);
        const c = this.conditionOf('score', x.shape[0], condition, true);
        return reconstructionLoss(this.loss, this.predictor!.apply(this.decoderInput(this.codeOf(x, c), c), { training: false }), target);
      });
    }
    return tf.tidy(() => reconstructionLoss(this.loss, this.logitsOf(x, this.conditionOf('score', x.shape[0], condition, true)), x, mask));
  }

  /**
   * Each sample's loss on the data alone, shape [n]: what `step` minimises
   * without corruption, sampling, latent or regularizer terms. It is the
   * reconstruction error, plus `target.weight` times the prediction error
   * for a model with a target ('predict': the weighted prediction error
   * only). `evaluate` averages it.
   *
   * @example
   * const perSample = model.dataLoss(x, y); // [n]
   */
  dataLoss(x: Tensor, y?: Tensor, mask?: Tensor, condition?: Tensor): Tensor {
    const target = this.recipe.target;
    if (!target) return this.score(x, undefined, mask, condition);
    checkBatchShape('evaluate', this.recipe.inputShape, x.shape);
    return tf.tidy(() => {
      const targets = this.targetOf('evaluate', x, y);
      const c = this.conditionOf('evaluate', x.shape[0], condition, true);
      const code = this.decoderInput(this.codeOf(x, c), c);
      const prediction = tf.mul(reconstructionLoss(this.loss, this.predictor!.apply(code, { training: false }), targets), target.weight);
      if (!this.decoder) return prediction;
      return tf.add(reconstructionLoss(this.loss, this.reconstructionLogits(code, x, { training: false }), x, mask), prediction);
    });
  }

  /**
   * Samples `n` new outputs from the latent prior. Needs a generative latent
   * (e.g. the "variational" variant): see `canGenerate`. A conditional model
   * needs `options.condition`: one class for all n, or one per sample.
   *
   * @example
   * const samples = vae.generate(16, 7);
   * const sevens = cvae.generate(16, 7, { condition: 7 });
   * const digits = cvae.generate(10, 7, { condition: Int32Array.from({ length: 10 }, (_, i) => i) });
   */
  generate(n: number, seed: number, options: GenerateOptions = {}): Tensor {
    const latent = this.composition.latent;
    if (!latent?.plugin.prior)
      throw new ConfigError(`this model cannot generate: variants [${this.variantNames.join(', ')}] have no prior; add a generative latent such as "variational"`);
    if (this.isConditional && options.condition === undefined)
      throw new ConfigError(`generate: this model is conditioned on ${this.conditionClasses} classes; give options.condition (a class index, or one per sample)`, {
        field: 'condition',
      });
    const prior = latent.plugin.prior.bind(latent.plugin);
    return tf.tidy(() => {
      const classes = options.condition === undefined ? undefined : tf.tensor1d(classIndices(options.condition, n, 'generate'), 'int32');
      return this.decode(prior(latent.config, { n, codeShape: this.codeShape, seed }), classes);
    });
  }

  /**
   * The batch as training damages it: the model's corruptions applied in
   * their listed order, seeded from `seed` exactly as a training step with
   * that seed corrupts its batch. A model without corruptions returns a copy
   * of `x`. Shows what the model learned to repair.
   *
   * @example
   * const damaged = model.corrupt(images, 7); // e.g. blurred, then noisy
   * const repaired = model.reconstruct(damaged);
   */
  corrupt(x: Tensor, seed: number): Tensor {
    checkBatchShape('corrupt', this.recipe.inputShape, x.shape);
    const rng = createRng(seed);
    return tf.tidy(() => this.corrupted(x, () => rng.nextSeed()).clone());
  }

  /**
   * The latent's Gaussian posterior q(z | x) for a batch, `{ mean, logVar }`
   * each [n, ...codeShape], or undefined when the model's latent has none
   * (only latents such as "variational" define it). A conditional model
   * needs each sample's class, as `encode` does. The caller disposes both.
   *
   * @example
   * const q = model.posterior(x);
   * if (q) { const sd = tf.exp(tf.mul(q.logVar, 0.5)); tf.dispose([q.mean, q.logVar]); }
   */
  posterior(x: Tensor, condition?: Tensor): { mean: Tensor; logVar: Tensor } | undefined {
    const latent = this.composition.latent;
    if (!latent?.plugin.posterior) return undefined;
    checkBatchShape('posterior', this.recipe.inputShape, x.shape);
    const posterior = latent.plugin.posterior.bind(latent.plugin);
    const { mean, logVar } = tf.tidy(() => {
      const c = this.conditionOf('posterior', x.shape[0], condition, true);
      const q = posterior(latent.config, { features: this.featuresOf(x, c, { training: false }), heads: this.heads, inputShape: this.recipe.inputShape });
      return { mean: q.mean, logVar: q.logVar };
    });
    return { mean, logVar };
  }

  /**
   * One training step's loss: corruptions, encoder, latent, decoder,
   * reconstruction against the clean batch, plus every variant's terms.
   * Call it inside `tf.variableGrads` (the trainer does).
   */
  step(x: Tensor, opts: StepOptions): StepResult {
    checkBatchShape('train', this.recipe.inputShape, x.shape);
    const y = this.predictor ? this.targetOf('train', x, opts.y) : undefined;
    const rng = createRng(opts.seed);
    const nextSeed = () => rng.nextSeed();
    const input = this.corrupted(x, nextSeed);
    const c = this.conditionOf('train', x.shape[0], opts.condition, true);
    const hidden: Tensor[] = [];
    // The batch is data: no gradient is needed with respect to it.
    const features = this.encoder.apply(input, { training: true, nextSeed, inputGradient: false }, hidden);
    const { code, terms: latentTerms } = this.codeFrom(this.latentInput(features, c), true, nextSeed, opts.trainingStep);
    const decoderInput = this.decoderInput(code, c);
    const perSample: Record<string, Tensor> = {};
    if (this.decoder) perSample.reconstruction = reconstructionLoss(this.loss, this.reconstructionLogits(decoderInput, input, { training: true, nextSeed }), x, opts.mask);
    if (this.predictor && y) {
      const error = reconstructionLoss(this.loss, this.predictor.apply(decoderInput, { training: true, nextSeed }), y);
      const weight = this.recipe.target!.weight;
      perSample.prediction = weight === 1 ? error : tf.mul(error, weight);
    }
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

  /** `x` through every corruption in order, each seeded from `nextSeed` (no tidy: callers run inside one). */
  private corrupted(x: Tensor, nextSeed: () => number): Tensor {
    let input = x;
    for (const c of this.composition.corruptions) input = c.plugin.corrupt(c.config, input, { seed: nextSeed() });
    return input;
  }

  private logitsOf(x: Tensor, c: Tensor | undefined): Tensor {
    return this.reconstructionLogits(this.decoderInput(this.codeOf(x, c), c), x, { training: false });
  }

  /** The decoder's logits for `decoderInput`, plus the logits of the model's `input` for a residual model (no tidy). */
  private reconstructionLogits(decoderInput: Tensor, input: Tensor, ctx: { training: boolean; nextSeed?: () => number }): Tensor {
    const logits = this.decoder!.apply(decoderInput, ctx);
    return this.recipe.residual ? tf.add(logits, inputLogits(this.loss, input)) : logits;
  }

  /** The deterministic code of a batch, `c` its condition vectors if any (no tidy: callers run inside one). */
  private codeOf(x: Tensor, c: Tensor | undefined): Tensor {
    return this.codeFrom(this.featuresOf(x, c, { training: false }), false).code;
  }

  /** The encoder's features, with the condition appended when a latent follows (what the latent receives). */
  private featuresOf(x: Tensor, c: Tensor | undefined, ctx: { training: boolean }): Tensor {
    return this.latentInput(this.encoder.apply(x, ctx), c);
  }

  private latentInput(features: Tensor, c: Tensor | undefined): Tensor {
    return c && this.composition.latent ? appendCondition(features, c) : features;
  }

  private decoderInput(code: Tensor, c: Tensor | undefined): Tensor {
    return c ? appendCondition(code, c) : code;
  }

  /**
   * The condition vectors [n, width] of a call (the one-hot rows, or their
   * embedding), undefined for an unconditional model. A ConfigError names
   * the call when a conditional model misses a `required` condition, or when
   * an unconditional model is given one. No tidy: callers run inside one.
   */
  private conditionOf(what: string, n: number, condition: Tensor | undefined, required: boolean): Tensor | undefined {
    const spec = this.recipe.condition;
    if (!spec) {
      if (condition) throw new ConfigError(`${what}: this model is not conditional; call it without a condition`, { field: 'condition' });
      return undefined;
    }
    if (!condition) {
      if (!required) return undefined;
      throw new ConfigError(`${what}: this model is conditioned on ${spec.classes} classes; give each sample's class (int32 indices [n] or one-hot rows [n, ${spec.classes}])`, {
        field: 'condition',
      });
    }
    const rows = conditionRows(condition, spec.classes, n, what);
    return this.conditioner ? this.conditioner.apply(rows, { training: false }) : rows;
  }

  /** The decoder, or a ConfigError naming the objective when the model has none. */
  private reconstructing(what: string): Stack {
    if (this.decoder) return this.decoder;
    throw new ConfigError(
      `${what}: this model's objective is 'predict' (target shape [${this.recipe.target!.shape.join(', ')}]): it has no reconstruction decoder; use predict(x), or build it with objective 'composite' to reconstruct too`,
      { field: 'target.objective' },
    );
  }

  /** The predictor, or a ConfigError when the model has no target. */
  private predicting(what: string): Stack {
    if (this.predictor) return this.predictor;
    throw new ConfigError(`${what}: this model has no target, it only reconstructs; build it with a recipe target ({ shape, objective: 'predict' | 'composite' }) to predict`, {
      field: 'target',
    });
  }

  /**
   * The targets `y` of a batch as [n, ...target.shape] (reshaped when they
   * hold the same values per sample), or a ConfigError / ShapeError saying
   * what is missing or wrong.
   */
  private targetOf(what: string, x: Tensor, y: Tensor | undefined): Tensor {
    const shape = this.recipe.target!.shape;
    if (!y)
      throw new ConfigError(
        `${what}: this model predicts a target of shape [${shape.join(', ')}] (objective '${this.recipe.target!.objective}') and needs the batch's targets y`,
        { field: 'y' },
      );
    const n = x.shape[0];
    if (y.shape[0] !== n || y.size !== n * sizeOf(shape))
      throw new ShapeError(`${what}: expected targets y of shape [${n}, ${shape.join(', ')}] for ${n} samples, got [${y.shape.join(', ')}]`);
    const same = y.shape.length === shape.length + 1 && shape.every((d, i) => d === y.shape[i + 1]);
    return same ? y : tf.reshape(y, [n, ...shape]);
  }

  /** The latent's code from (condition-widened) features; without a latent the features are the code. */
  private codeFrom(features: Tensor, training: boolean, nextSeed?: () => number, trainingStep?: number) {
    const latent = this.composition.latent;
    if (!latent) return { code: features, terms: undefined };
    const input = { features, heads: this.heads, training, nextSeed, inputShape: this.recipe.inputShape };
    return latent.plugin.forward(latent.config, trainingStep === undefined ? input : { ...input, trainingStep });
  }
}

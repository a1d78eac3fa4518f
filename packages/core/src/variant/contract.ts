/**
 * The plug-in contract: what a variant may contribute to a model.
 *
 * A model is a list of variants, each filling one role:
 *
 * | role          | how many        | contributes                                             |
 * |---------------|-----------------|---------------------------------------------------------|
 * | architecture  | exactly one     | encoder (input -> features), decoder (code -> logits),  |
 * |               |                 | optionally a predictor (code -> logits of the target)   |
 * | latent        | zero or one     | features -> code, its loss terms, and a prior to sample |
 * | corruption    | any, in order   | clean batch -> corrupted batch, during training only    |
 * | regularizer   | any             | extra per-sample loss terms from what the step exposes  |
 *
 * One training step: x -> corruptions -> encoder -> latent -> decoder ->
 * reconstruction loss against the CLEAN x -> + latent and regularizer terms.
 * A model with a target (`ModelRecipe.target`) also feeds the code to the
 * predictor and adds the weighted prediction loss against `y`; a 'predict'
 * model has no decoder and no reconstruction term.
 * A conditional model (`ModelRecipe.condition`) gets its condition vector
 * appended by core to the features before the latent and to the code
 * before the decoder and predictor; plug-ins see only the widened shapes.
 * The trainer only sees `{ loss, terms }`; it never asks for a variant by name.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerSpec } from '../layers/layer.js';
import type { Stack } from '../layers/stack.js';
import type { ReconstructionLossName } from '../losses/reconstruction.js';
import type { ObjectSchema, Field } from '../schema.js';

export type VariantRole = 'architecture' | 'latent' | 'corruption' | 'regularizer';

/** Per-sample loss terms (each shape [batch]), already weighted. */
export type Terms = Record<string, Tensor>;

/** What an architecture is told when it builds. */
export interface ArchitectureContext {
  /** Per-sample input shape, e.g. [784], [28, 28, 1] or [t, f]. */
  inputShape: number[];
  /**
   * Width of the condition vector of a conditional model (`ModelRecipe.condition`),
   * absent for unconditional ones. Core has already appended it to the last
   * axis of `codeShape` for the decoder and predictor; nothing is needed from
   * the plug-in, this is for plug-ins that want to treat it their own way.
   */
  conditionWidth?: number;
}

/** An architecture: the encoder and decoder of the model. */
export interface ArchitecturePlugin<C> {
  /** Layers mapping the input to the features handed to the latent (or, without one, the code). */
  encoder(config: C, ctx: ArchitectureContext): LayerSpec[];
  /** Layers mapping a code of `codeShape` back to logits of the input's shape. */
  decoder(config: C, ctx: ArchitectureContext & { codeShape: number[] }): LayerSpec[];
  /**
   * Layers mapping a code of `codeShape` to logits of the target's shape
   * (`targetShape`), for models with a target. Optional: by default the
   * decoder is built for the target shape, `decoder(config, { inputShape: targetShape, codeShape })`.
   *
   * @example
   * predictor: (cfg, { codeShape, targetShape }) => [{ type: 'dense', units: targetShape[0] * targetShape[1] }, { type: 'reshape', shape: targetShape }],
   */
  predictor?(config: C, ctx: ArchitectureContext & { codeShape: number[]; targetShape: number[] }): LayerSpec[];
  /** The reconstruction loss this configuration trains with (the prediction loss is the same kind). */
  loss(config: C): ReconstructionLossName;
}

/** What a latent's forward pass receives. */
export interface LatentForward {
  features: Tensor;
  /** The model's per-sample input shape (e.g. to scale a KL term per input entry). */
  inputShape: number[];
  heads: Record<string, Stack>;
  training: boolean;
  /** Seeds for sampling; present when `training` or sampling is asked for. */
  nextSeed?: () => number;
  /**
   * The training step's position in the run (optimizer steps from 0), when
   * the trainer knows it: for schedules such as KL annealing. Absent outside
   * training and when epochs have no known size (streams); a schedule then
   * takes its final value.
   */
  trainingStep?: number;
}

/** A latent transform between encoder features and the code. */
export interface LatentPlugin<C> {
  /** Extra layer stacks (e.g. mean and log-variance heads) and the resulting code shape. */
  heads(
    config: C,
    ctx: { featureShape: number[]; inputShape: number[]; /** Condition width already appended to `featureShape` (conditional models only). */ conditionWidth?: number },
  ): { heads: Record<string, LayerSpec[]>; codeShape: number[] };
  /**
   * Maps features to a code. During training it may sample; otherwise it must
   * be deterministic (a VAE returns its mean). Terms are per sample, weighted.
   */
  forward(config: C, input: LatentForward): { code: Tensor; terms?: Terms };
  /**
   * The Gaussian posterior q(z | x) the features give, as a mean and a
   * log-variance of the code's shape (deterministic). Latents with a
   * Gaussian posterior define it (e.g. "variational"); it serves
   * `model.posterior` and importance-sampled likelihoods.
   */
  posterior?(config: C, input: Omit<LatentForward, 'training' | 'nextSeed'>): { mean: Tensor; logVar: Tensor };
  /**
   * The heads whose plain layer stacks give the deterministic code `forward`
   * returns outside training (and, where the latent has one, the
   * log-variance), so an exporter can write the encoder as a standard
   * network. Absent: models with this latent cannot be exported.
   */
  portable?: { code: string; logVar?: string };
  /** Draws `n` codes from the prior, for generation. Absent for non-generative latents. */
  prior?(config: C, ctx: { n: number; codeShape: number[]; seed: number }): Tensor;
}

/** A training-time corruption of the input. */
export interface CorruptionPlugin<C> {
  /** Returns a corrupted copy of the batch `x`, using only `seed` for randomness. */
  corrupt(config: C, x: Tensor, ctx: { seed: number }): Tensor;
  /**
   * How this corruption fills missing entries: `x` with the entries where
   * `known` is 0 replaced as `corrupt` replaces the entries it blanks (e.g.
   * by 0, or by a diffusion fill). `repair` fills holes this way before the
   * model sees them, so the model meets the damage it was trained on.
   * Absent, or returning undefined, when the corruption blanks nothing
   * (noise, blur) or blanks with 0 (the default fill).
   */
  fill?(config: C, x: Tensor, known: Tensor): Tensor | undefined;
}

/** What a regularizer can look at during a step. */
export interface StepView {
  /** The clean batch. */
  x: Tensor;
  /** The encoder's input (after corruption). */
  input: Tensor;
  /** The encoder's output. */
  features: Tensor;
  /** The code fed to the decoder. */
  code: Tensor;
  /** Every encoder layer's output, in order (the last equals `features`). */
  hidden: Tensor[];
  /** The encoder itself, e.g. for Jacobian penalties. */
  encoder: Stack;
  nextSeed: () => number;
}

/** An extra loss term. */
export interface RegularizerPlugin<C> {
  /**
   * True when the terms pull Jacobian rows back through the encoder
   * (`jacobianFrobenius`): a model is then refused when it is built if an
   * encoder layer has no pull-back, naming the layer and the architecture.
   */
  encoderJacobian?: boolean;
  /** Per-sample, weighted terms keyed by name (e.g. `{ sparsity: ... }`). */
  terms(config: C, step: StepView): Terms;
}

type RolePlugins<C> = {
  architecture: ArchitecturePlugin<C>;
  latent: LatentPlugin<C>;
  corruption: CorruptionPlugin<C>;
  regularizer: RegularizerPlugin<C>;
};

type AnyShape = Record<string, Field<unknown>>;

/** Everything a variant declares, whatever its role. */
export interface VariantInfo<R extends VariantRole, S extends AnyShape> {
  /** Unique registry name, e.g. 'undercomplete', 'denoising'. */
  name: string;
  /** The plug-in's version, stored in saved models. */
  version: string;
  role: R;
  /** One line for `hourglass variants` and docs. */
  description: string;
  /** Validates and defaults the configuration. */
  options: ObjectSchema<S>;
}

/** The parsed configuration type of a schema. */
export type ConfigOf<S extends AnyShape> = ReturnType<ObjectSchema<S>['parse']>;

/** A complete variant definition: its info plus the plug-in for its role. */
export type VariantDefinition<R extends VariantRole = VariantRole, S extends AnyShape = AnyShape> = VariantInfo<R, S> &
  RolePlugins<ConfigOf<S>>[R];

/** A variant chosen for a model, with its (unparsed) configuration. */
export interface VariantChoice {
  name: string;
  config?: Record<string, unknown>;
}

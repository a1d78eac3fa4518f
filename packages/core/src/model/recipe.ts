/**
 * A model's recipe: what builds it, and what its saved form stores besides the weights.
 *
 * Without a `target` the model reconstructs its input. With one it also (or
 * only) predicts a target of another shape from the same code, e.g. the next
 * `h` steps of a series: `'predict'` builds an encoder and a prediction
 * decoder (the predictor) only, `'composite'` both decoders, after
 * Srivastava et al. (2015), "Unsupervised Learning of Video Representations
 * using LSTMs". The prediction loss is the architecture's loss against `y`,
 * times `weight`.
 */
import type { VariantChoice } from '../variant/contract.js';
import type { ModelCondition } from './condition.js';

export type { ModelCondition };

/** What the model is trained to predict besides (or instead of) its input. */
export interface ModelTarget {
  /** Per-sample target shape, e.g. [horizon, features]. */
  shape: number[];
  /** 'predict': the target only; 'composite': reconstruction plus the weighted prediction. */
  objective: 'predict' | 'composite';
  /** Weight of the prediction term (default 1). */
  weight?: number;
}

/** The objectives a target can have. */
export const TARGET_OBJECTIVES = ['predict', 'composite'] as const;

/** Everything needed to build a model; stored in its saved form. */
export interface ModelRecipe {
  /** Per-sample input shape: [features], [height, width, channels] or [steps, features]. */
  inputShape: number[];
  /** Variants in order (exactly one architecture). */
  variants: VariantChoice[];
  /** Seed for the initial weights. Default 0. */
  seed?: number;
  /** A target to predict from the code (absent: the model only reconstructs). */
  target?: ModelTarget;
  /**
   * A class label the model is conditioned on (absent: unconditional). With
   * the "variational" latent this is the conditional VAE: data then carries
   * `condition` (a class index per sample) and `generate` draws a chosen class.
   */
  condition?: ModelCondition;
  /**
   * The decoder outputs a correction to the input rather than the whole
   * output (see residual.ts): for repairing light damage. Not with a
   * generative latent. Default false.
   */
  residual?: boolean;
}

/** A recipe with every default filled in, as a built model holds it (`target`, `condition` and `residual` only when the recipe has them). */
export type FullRecipe = Required<Omit<ModelRecipe, 'target' | 'condition' | 'residual'>> & { target?: Required<ModelTarget>; condition?: Required<ModelCondition>; residual?: true };

/**
 * Residual reconstruction (`recipe.residual`): the decoder outputs a
 * correction to the model's own input instead of the whole output. For a
 * model with an MSE loss the output is input + decoder output; for a BCE
 * model, whose decoder gives logits, the correction is added in logit space,
 * output = sigmoid(logit(input) + decoder logits), so outputs stay in
 * (0, 1). The input is clamped to [EPSILON, 1 - EPSILON] before its logit.
 *
 * Light damage (weak noise, a slight blur, holes pre-filled by diffusion)
 * leaves the input close to the clean image: a plain autoencoder must
 * rebuild every detail through its code, which costs more error than the
 * damage itself, while a residual one starts from the input and learns only
 * what to change. Such a model needs its input to produce an output, so it
 * cannot decode a code alone or generate; a latent with a prior (e.g.
 * "variational") is refused with it. So is the multinomial loss: an input
 * of counts has no logits (log 0 for every item not clicked).
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { ReconstructionLossName } from '../losses/reconstruction.js';
import type { Composition } from '../variant/compose.js';
import type { ModelTarget } from './recipe.js';

/** Inputs are clamped to [EPSILON, 1 - EPSILON] before their logit (logit range about +-9.2). */
const EPSILON = 1e-4;

/**
 * The input's own contribution to a residual model's decoder output: its
 * logits for a BCE model, itself otherwise. No tidy: callers run inside one.
 */
export function inputLogits(loss: ReconstructionLossName, input: Tensor): Tensor {
  if (loss !== 'bce') return input;
  const p = tf.clipByValue(input, EPSILON, 1 - EPSILON);
  return tf.sub(tf.log(p), tf.log1p(tf.neg(p)));
}

/** Checks `recipe.residual`: a boolean, on a model that reconstructs with 'bce' or 'mse' and does not generate; true or undefined (false drops it). */
export function parseResidual(residual: unknown, composition: Composition, target: Required<ModelTarget> | undefined, loss: ReconstructionLossName): true | undefined {
  if (residual === undefined || residual === false) return undefined;
  if (residual !== true) throw new ConfigError(`residual: expected true or false, got ${JSON.stringify(residual)}`, { field: 'residual' });
  if (loss === 'multinomial')
    throw new ConfigError("residual: the multinomial loss has no logits of its input to add a correction to (a count of 0 has none); drop residual or use loss 'bce' or 'mse'", { field: 'residual' });
  if (target?.objective === 'predict')
    throw new ConfigError("residual: a 'predict' model has no reconstruction to add its input to; use objective 'composite' or drop residual", { field: 'residual' });
  const latent = composition.latent;
  if (latent?.plugin.prior)
    throw new ConfigError(
      `residual: the "${latent.name}" latent generates from codes alone, but a residual model's output needs its input; drop residual or the "${latent.name}" variant`,
      { field: 'residual' },
    );
  return true;
}

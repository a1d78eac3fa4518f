/**
 * Repair of damaged inputs with a trained autoencoder.
 *
 * Without a mask the damage is spread over the whole input (noise, blur):
 * one reconstruction is the repair, and a model trained with that damage as
 * its corruption has learned to undo it.
 *
 * With a mask (1 = known, 0 = missing) the known entries are kept exactly
 * and only the missing ones are filled: the missing entries start as the
 * model's training corruption left them (its corruption plug-in's `fill`:
 * 0 for the occlusion and masking corruptions, or a diffusion fill with the
 * denoising variant's `fill: 'diffusion'`), so the model sees the damage it
 * knows; the input is reconstructed, the known entries are put back, and the
 * result is reconstructed again, `iterations` times in all. Each round moves the filled entries towards values the model finds
 * consistent with the known ones (a projection onto the known entries after
 * every reconstruction).
 */
import { tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from './errors.js';
import type { Autoencoder } from './model/autoencoder.js';

/** Options of `repair`. */
export interface RepairOptions {
  /** 1 where the entry is known, 0 where it is missing; the shape of `x`. Without it, the whole input is repaired. */
  mask?: Tensor;
  /** Reconstructions with a mask (default `DEFAULT_REPAIR_ITERATIONS`); ignored without a mask. */
  iterations?: number;
  /** A conditional model's class per sample (int32 indices, shape [n]); passed to every reconstruction. */
  condition?: Tensor;
}

/** Reconstruction rounds of a masked repair when `iterations` is not given. */
export const DEFAULT_REPAIR_ITERATIONS = 5;

/**
 * Repairs a batch: fills the missing entries given by `mask` keeping the
 * known ones exactly, or without a mask reconstructs it (undoing noise or
 * blur for models trained on them). Returns a new tensor shaped like `x`.
 *
 * @example
 * const filled = repair(model, damaged, { mask });   // known pixels unchanged
 * const sharp = repair(model, blurred);              // a blur-trained model
 */
export function repair(model: Autoencoder, x: Tensor, options: RepairOptions = {}): Tensor {
  const { mask, condition } = options;
  if (!mask) return model.reconstruct(x, condition);
  const iterations = options.iterations ?? DEFAULT_REPAIR_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new ConfigError(`repair: iterations must be an integer >= 1, got ${iterations}`, { field: 'iterations' });
  if (mask.shape.length !== x.shape.length || mask.shape.some((d, i) => d !== x.shape[i]))
    throw new ShapeError(`repair: the mask must have the shape of the batch [${x.shape.join(', ')}], got [${mask.shape.join(', ')}]`);
  return tf.tidy(() => {
    const known = tf.cast(tf.greater(mask, 0.5), 'float32');
    const missing = tf.sub(1, known);
    const kept = tf.mul(x, known);
    const start = trainingFill(model, x, known);
    let current: Tensor = start;
    for (let i = 0; i < iterations; i++) {
      const previous = current;
      current = tf.tidy(() => tf.add(kept, tf.mul(model.reconstruct(previous, condition), missing)));
      if (previous !== start) previous.dispose();
    }
    return current;
  });
}

/**
 * `x` with its missing entries (`known` = 0) filled as the model's training
 * corruption fills them: the first corruption plug-in whose `fill` gives one,
 * else 0. No tidy: the caller runs inside one.
 */
function trainingFill(model: Autoencoder, x: Tensor, known: Tensor): Tensor {
  for (const c of model.composition.corruptions) {
    const filled = c.plugin.fill?.(c.config, x, known);
    if (filled) return filled;
  }
  return tf.mul(x, known);
}

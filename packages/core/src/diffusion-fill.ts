/**
 * The diffusion (harmonic) fill of missing entries, as tensor ops: each
 * missing pixel becomes the mean of its four neighbours, repeated, so a hole
 * is filled smoothly from its border inwards. It is the classical inpainting
 * baseline, and a fill for masked training inputs: a model trained on holes
 * filled this way (the denoising variant's `fill: 'diffusion'`) learns to
 * correct a smooth guess instead of painting on a blank, and `repair` fills
 * holes the same way before the model sees them.
 *
 * Missing entries start at the mean of the sample's known entries of their
 * channel; each sweep then replaces every missing entry by the mean of its
 * neighbours inside the image (Jacobi iteration). The error of a hole of
 * side s shrinks by about 1 - pi^2 / (2 s^2) a sweep: 64 sweeps leave under
 * 1% of the starting error in an 8x8 hole, and isolated missing pixels settle
 * in a few. Series [n, steps, features] fill along time (linear
 * interpolation across a gap); flat samples have no neighbours and are refused.
 */
import { tf } from './tf.js';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from './errors.js';

/** Sweeps of `diffusionFill` when not given. */
export const DEFAULT_DIFFUSION_SWEEPS = 64;

/**
 * `x` with its missing entries (`known` = 0) filled by diffusion from the
 * known ones (`known` = 1), which are kept exactly. Images [n, h, w, c] fill
 * from the four neighbours, series [n, steps, features] from the steps
 * before and after. A sample with no known entry of a channel gets 0 there.
 *
 * @example
 * const filled = diffusionFill(damaged, known);      // holes filled from their borders
 * const settled = diffusionFill(damaged, known, 500); // more sweeps for large holes
 */
export function diffusionFill(x: Tensor, known: Tensor, sweeps = DEFAULT_DIFFUSION_SWEEPS): Tensor {
  if (x.shape.length !== 4 && x.shape.length !== 3)
    throw new ShapeError(`diffusion fill needs images [n, h, w, c] or series [n, steps, features], got [${x.shape.join(', ')}]: flat samples have no neighbouring entries`);
  if (known.shape.length !== x.shape.length || known.shape.some((d, i) => d !== x.shape[i]))
    throw new ShapeError(`diffusion fill: the known-entry mask must have the shape of the batch [${x.shape.join(', ')}], got [${known.shape.join(', ')}]`);
  if (!Number.isInteger(sweeps) || sweeps < 0) throw new ConfigError(`diffusion fill: sweeps must be a whole number >= 0, got ${sweeps}`, { field: 'sweeps' });
  const shape4 = x.shape.length === 4 ? (x.shape as [number, number, number, number]) : ([x.shape[0], x.shape[1], 1, x.shape[2]] as [number, number, number, number]);
  const [, h, w, c] = shape4;
  return tf.tidy(() => {
    const k = tf.cast(tf.greater(tf.reshape(known, shape4), 0.5), 'float32') as Tensor4D;
    const missing = tf.sub(1, k);
    const kept = tf.mul(tf.reshape(x, shape4), k);
    // Start from the mean of the known entries of each sample and channel.
    const mean = tf.div(tf.sum(kept, [1, 2], true), tf.maximum(tf.sum(k, [1, 2], true), 1));
    const cross = [0, 1, 0, 1, 0, 1, 0, 1, 0];
    const kernel = tf.tensor4d(Float32Array.from({ length: 9 * c }, (_, i) => cross[Math.floor(i / c)]), [3, 3, c, 1]);
    // Neighbours inside the image at each position (2 to 4): the mean's divisor, folded into the weight of the missing entries.
    const neighbours = tf.depthwiseConv2d(tf.ones([1, h, w, c]) as Tensor4D, kernel, 1, 'same');
    const weight = tf.div(missing, neighbours);
    let filled = tf.add(kept, tf.mul(missing, mean)) as Tensor4D;
    for (let i = 0; i < sweeps; i++) {
      const previous = filled;
      filled = tf.tidy(() => tf.add(kept, tf.mul(weight, tf.depthwiseConv2d(previous, kernel, 1, 'same'))) as Tensor4D);
      previous.dispose();
    }
    return tf.reshape(filled, x.shape);
  });
}

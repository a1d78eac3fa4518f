/**
 * Test figures of the Keras benchmark that `hourglass train` does not print
 * itself: BCE per pixel of a denoiser on noisy inputs against the clean ones
 * (as Keras validates its denoiser), and a VAE's reconstruction and KL per
 * image with a sampled code (as Keras' VAE example reports them). Every
 * tensor is released before returning.
 */
import { tf } from '@hourglass/core';

const EPS = 1e-7; // Keras' epsilon: predictions are clipped to [EPS, 1 - EPS] before the log

/**
 * `x` with Gaussian noise of standard deviation `std`, clipped to [0, 1].
 *
 * @example
 * const noisy = gaussianNoisy(x, 0.4, 7);
 */
export function gaussianNoisy(x, std, seed) {
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.randomNormal(x.shape, 0, std, 'float32', seed)), 0, 1));
}

/**
 * Mean binary cross-entropy per entry between the model's reconstruction of `input` and `target`.
 *
 * @example
 * const bce = bceMean(model, noisy, clean); // 0.0839
 */
export function bceMean(model, input, target) {
  return tf.tidy(() => {
    const p = tf.clipByValue(model.reconstruct(input), EPS, 1 - EPS);
    const ll = tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p))));
    return -tf.mean(ll).dataSync()[0];
  });
}

/**
 * A VAE's loss terms per image on `x` (code sampled, seed fixed): the
 * reconstruction term (summed BCE, or `entries` x MSE) and the KL divergence.
 * Hourglass' terms are per entry, so both are multiplied by the entries of an image.
 *
 * @example
 * vaeTerms(model, x); // { reconstruction: 140.2, kl: 6.8, testLoss: 147.0 }
 */
export function vaeTerms(model, x) {
  const entries = x.size / x.shape[0];
  return tf.tidy(() => {
    const { terms } = model.step(x, { seed: 11 });
    const reconstruction = terms.reconstruction.dataSync()[0] * entries;
    const kl = terms.kl.dataSync()[0] * entries;
    return { reconstruction, kl, testLoss: reconstruction + kl };
  });
}

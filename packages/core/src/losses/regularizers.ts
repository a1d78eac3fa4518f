/**
 * Loss terms that regularize the code or the hidden activations, each per
 * sample (shape [batch]); `batchMean` from `reconstruction.ts` reduces them.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { rows } from '../shape.js';

/**
 * KL divergence of N(mu, exp(logVar)) to N(0, I), summed over latent dimensions.
 *
 * @example
 * const kl = gaussianKl(mu, logVar); // shape [batch]
 */
export function gaussianKl(mu: Tensor, logVar: Tensor): Tensor {
  const inner = tf.sub(tf.add(1, logVar), tf.add(tf.square(mu), tf.exp(logVar)));
  return tf.mul(tf.sum(rows(inner), 1), -0.5);
}

/**
 * L1 activity penalty: the sum of |h| over a sample's units (the Keras
 * `activity_regularizer=l1` term before its weight).
 *
 * @example
 * const penalty = tf.mul(l1Activity(code), 1e-4); // per sample
 */
export function l1Activity(h: Tensor): Tensor {
  return tf.sum(tf.abs(rows(h)), 1);
}

const EPS = 1e-6;

function bernoulliKl(rho: number, rhoHat: Tensor): Tensor {
  const r = tf.clipByValue(rhoHat, EPS, 1 - EPS);
  return tf.add(tf.mul(rho, tf.log(tf.div(rho, r))), tf.mul(1 - rho, tf.log(tf.div(1 - rho, tf.sub(1, r)))));
}

/**
 * KL sparsity penalty: sum over units of KL(rho || rhoHat_j), where rhoHat_j
 * is unit j's mean activation over the batch (activations must lie in
 * [0, 1], e.g. sigmoid). Every sample gets the batch's value, so the batch
 * mean equals the classic penalty. `perSampleRates: true` uses each sample's
 * own activations as its rates instead (a per-sample score).
 *
 * @example
 * const penalty = klSparsity(tf.sigmoid(h), 0.05); // per sample
 */
export function klSparsity(h: Tensor, rho: number, perSampleRates = false): Tensor {
  const a = rows(h);
  if (perSampleRates) return tf.sum(bernoulliKl(rho, a), 1);
  const batchValue = tf.sum(bernoulliKl(rho, tf.mean(a, 0)));
  return tf.mul(tf.ones([a.shape[0]]), batchValue);
}

export { jacobianFrobenius as contractivePenalty } from '../layers/stack.js';

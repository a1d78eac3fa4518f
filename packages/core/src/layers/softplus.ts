/**
 * softplus(z) = log(1 + exp(z)), stable for any z, in the form the active
 * backend runs fastest (`backend-hints.ts`): the Softplus kernel, or on wasm
 * (whose Softplus is a scalar loop) relu(z) - log(sigmoid(|z|)): for z >= 0
 * that is z + log(1 + exp(-z)), for z < 0 log(1 + exp(z)), and
 * sigmoid(|z|) lies in [0.5, 1], so the log never sees 0 or overflows.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { activeHints } from '../backend-hints.js';

/**
 * softplus(z), elementwise: the softplus activation and binary
 * cross-entropy's log(1 + exp(z)) term.
 *
 * @example
 * const e = tf.sub(softplus(logits), tf.mul(logits, x)); // binary cross-entropy
 */
export function softplus(z: Tensor): Tensor {
  if (!activeHints().softplusBySigmoid) return tf.softplus(z);
  return tf.sub(tf.relu(z), tf.log(tf.sigmoid(tf.abs(z))));
}

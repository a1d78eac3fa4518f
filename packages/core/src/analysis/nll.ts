/**
 * Importance-sampled negative log-likelihood of a VAE with a Bernoulli
 * decoder (Burda et al.'s estimator, the figure VAE papers report):
 *
 *   log p(x) ~= logsumexp_k [ log p(x | z_k) + log p(z_k) - log q(z_k | x) ] - log K,
 *   z_k ~ q(z | x) = N(mean, exp(logVar)),   p(z) = N(0, I),
 *   log p(x | z) = sum_j x_j log sigmoid(l_j) + (1 - x_j) log(1 - sigmoid(l_j)),
 *
 * where l are the decoder's logits. It is a lower bound of log p(x) that
 * tightens as K grows (K = 1 gives a one-sample ELBO). Values are nats per
 * sample (summed over the entries, not averaged as the training loss is),
 * for inputs in [0, 1] (binarised inputs give the classic figure).
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Autoencoder } from '../model/autoencoder.js';
import { ConfigError } from '../errors.js';
import { checkBatchShape } from '../layers/stack.js';
import { softplus } from '../layers/softplus.js';
import { createRng } from '../rng.js';
import { sizeOf } from '../shape.js';

const LOG_2PI = Math.log(2 * Math.PI);
/** Decoder rows per chunk (samples x inputs), to bound memory. */
const CHUNK_ROWS = 4096;

/**
 * Each sample's importance-sampled negative log-likelihood in nats, shape
 * [n], with `samples` draws from the posterior per input (seeded). Needs a
 * model with a Gaussian posterior (`model.posterior`, e.g. the "variational"
 * latent) and a Bernoulli ('bce') decoder.
 *
 * @example
 * const nll = importanceNll(vae, binarisedTest, 1000, 1); // e.g. mean ~ 90 nats on MNIST
 */
export function importanceNll(model: Autoencoder, x: Tensor, samples: number, seed: number): Float32Array {
  if (!Number.isInteger(samples) || samples < 1) throw new ConfigError(`importanceNll: samples must be a positive whole number, got ${samples}`);
  if (!model.decoder || model.loss !== 'bce')
    throw new ConfigError(
      `importanceNll: needs a model with a Bernoulli decoder (reconstruction loss 'bce'); this one ${model.decoder ? `trains with '${model.loss}'` : 'has no reconstruction decoder'}`,
    );
  if (model.isConditional)
    throw new ConfigError('importanceNll: conditional models are not supported yet (the decoder needs each sample\'s class); evaluate an unconditional VAE');
  checkBatchShape('importanceNll', model.recipe.inputShape, x.shape);
  const q = model.posterior(x);
  if (!q)
    throw new ConfigError(`importanceNll: needs a latent with a Gaussian posterior, such as "variational"; variants [${model.variantNames.join(', ')}] have none`);
  const decoder = model.decoder;
  const n = x.shape[0];
  const codeShape = model.codeShape;
  const perCode = sizeOf(codeShape);
  const perInput = sizeOf(model.recipe.inputShape);
  const rng = createRng(seed);
  // running log-sum-exp per input, in float64
  const top = new Float64Array(n).fill(-Infinity);
  const sum = new Float64Array(n);
  const perChunk = Math.max(1, Math.floor(CHUNK_ROWS / Math.max(n, 1)));
  try {
    for (let done = 0; done < samples; done += perChunk) {
      const s = Math.min(perChunk, samples - done);
      const w = tf.tidy(() => {
        const mean = tf.reshape(q.mean, [1, n, perCode]);
        const logVar = tf.reshape(q.logVar, [1, n, perCode]);
        const eps = tf.randomNormal([s, n, perCode], 0, 1, 'float32', rng.nextSeed());
        const z = tf.add(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
        const logits = tf.reshape(decoder.apply(tf.reshape(z, [s * n, ...codeShape]), { training: false }), [s, n, perInput]);
        const target = tf.reshape(x, [1, n, perInput]);
        const logPx = tf.neg(tf.sum(tf.sub(softplus(logits), tf.mul(logits, target)), 2));
        const logPz = tf.mul(tf.add(tf.sum(tf.square(z), 2), perCode * LOG_2PI), -0.5);
        const logQ = tf.mul(tf.add(tf.sum(tf.add(tf.square(eps), logVar), 2), perCode * LOG_2PI), -0.5);
        return tf.sub(tf.add(logPx, logPz), logQ); // [s, n]
      });
      const values = w.dataSync();
      w.dispose();
      for (let k = 0; k < s; k++)
        for (let i = 0; i < n; i++) {
          const v = values[k * n + i];
          if (v > top[i]) {
            sum[i] = sum[i] * Math.exp(top[i] - v) + 1;
            top[i] = v;
          } else sum[i] += Math.exp(v - top[i]);
        }
    }
  } finally {
    tf.dispose([q.mean, q.logVar]);
  }
  const out = new Float32Array(n);
  const logK = Math.log(samples);
  for (let i = 0; i < n; i++) out[i] = -(top[i] + Math.log(sum[i]) - logK);
  return out;
}

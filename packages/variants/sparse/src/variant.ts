/**
 * The sparse autoencoder: the hidden layers need not be narrow; a penalty
 * keeps only a few units active. `l1` adds weight * sum |h| per sample (the
 * Keras `activity_regularizer`); `kl` adds weight * sum_j KL(rho || rho_j),
 * rho_j being unit j's mean activation over the batch (activations should
 * lie in [0, 1], e.g. a sigmoid code). The penalty applies to the code, or
 * to every hidden layer of the encoder.
 */
import { defineVariant, klSparsity, l1Activity, s, tf, type Tensor } from '@hourglass/core';

const options = s.object({
  penalty: s.enum(['l1', 'kl'] as const, { default: 'l1' }),
  weight: s.number({ min: 0, default: 1e-4, doc: 'multiplier of the penalty' }),
  rho: s.number({ gt: 0, lt: 1, default: 0.05, doc: 'kl: target mean activation' }),
  target: s.enum(['code', 'hidden'] as const, { default: 'code', doc: 'the code only, or every encoder layer output' }),
});

/**
 * The sparsity regularizer plug-in.
 *
 * @example
 * Autoencoder.create({ inputShape: [784], variants: [{ name: 'undercomplete' }, { name: 'sparse', config: { weight: 1e-4 } }] });
 */
export const sparse = defineVariant({
  name: 'sparse',
  version: '0.1.0',
  role: 'regularizer',
  description: 'L1 or KL-divergence sparsity penalty on the code or the hidden activations.',
  options,
  terms: (cfg, step) => {
    const layers: Tensor[] = cfg.target === 'code' ? [step.code] : step.hidden;
    const per = layers.map((h) => (cfg.penalty === 'l1' ? l1Activity(h) : klSparsity(h, cfg.rho)));
    return { sparsity: tf.mul(per.length === 1 ? per[0] : tf.addN(per), cfg.weight) };
  },
});

/**
 * The variational autoencoder. Two dense heads map the encoder's features to
 * a mean and a log-variance per latent dimension; training samples a code
 * with the reparameterisation trick (z = mu + exp(logVar / 2) * eps) and
 * adds the KL divergence to a standard normal prior; `encode` returns the
 * mean; `generate` decodes samples of the prior; `model.posterior(x)` gives
 * the mean and log-variance (for importance-sampled likelihoods,
 * `importanceNll` in core).
 *
 * Reconstruction losses in Hourglass are means per input entry, so the KL
 * term is divided by the number of entries: the total is the negative ELBO
 * per entry, and beta = 1 is the classic VAE (beta > 1: a beta-VAE).
 *
 * KL annealing (`anneal` > 0, as Mult-VAE's total_anneal_steps with beta
 * as its anneal_cap): the KL weight rises linearly, min(beta, step /
 * anneal), with the trainer's step count in the run, so a resumed run
 * follows the same curve. Outside training, or when the trainer cannot
 * count steps (a stream of unknown length), the weight is beta.
 *
 * With a recipe `condition` this is the conditional VAE: core appends the
 * class (one-hot or embedded) to the features these heads read and to the
 * code the decoder reads; nothing here changes.
 */
import { defineVariant, gaussianKl, s, tf } from '@hourglass/core';

const options = s.object({
  latent: s.int({ min: 1, default: 16, doc: 'latent dimensions' }),
  beta: s.number({ min: 0, default: 1, doc: 'KL weight (1: VAE; > 1: beta-VAE); with anneal, the cap it rises to' }),
  anneal: s.int({ min: 0, default: 0, doc: 'training steps over which the KL weight rises linearly from 0 to beta (0: beta throughout)' }),
});

/**
 * The KL weight at a training step: beta, or min(beta, step / anneal) while annealing.
 *
 * @example
 * klWeight({ beta: 0.2, anneal: 1000 }, 100); // 0.1
 */
export function klWeight(cfg: { beta: number; anneal: number }, trainingStep: number | undefined): number {
  if (cfg.anneal === 0 || trainingStep === undefined) return cfg.beta;
  return Math.min(cfg.beta, trainingStep / cfg.anneal);
}

/**
 * The variational latent plug-in.
 *
 * @example
 * const vae = Autoencoder.create({ inputShape: [784], variants: [{ name: 'undercomplete', config: { latent: 64 } }, { name: 'variational', config: { latent: 2 } }] });
 * const samples = vae.generate(16, 7); // 16 new inputs from the prior
 * // The conditional VAE: the same variants plus a condition on 10 classes.
 * const cvae = Autoencoder.create({ inputShape: [784], variants: vae.recipe.variants, condition: { classes: 10 } });
 * const sevens = cvae.generate(16, 7, { condition: 7 });
 */
export const variational = defineVariant({
  name: 'variational',
  version: '0.1.0',
  role: 'latent',
  description: 'Gaussian latent (reparameterisation trick), KL to N(0, I) weighted by beta, generation from the prior.',
  options,
  heads: (cfg, { featureShape }) => {
    const flat = featureShape.length > 1 ? [{ type: 'flatten' }] : [];
    return {
      heads: {
        mean: [...flat, { type: 'dense', units: cfg.latent }],
        logVar: [...flat, { type: 'dense', units: cfg.latent, kernelInitializer: 'zeros' }],
      },
      codeShape: [cfg.latent],
    };
  },
  forward: (cfg, { features, heads, training, nextSeed, inputShape, trainingStep }) => {
    const mean = heads.mean.apply(features, { training });
    if (!training) return { code: mean };
    const logVar = heads.logVar.apply(features, { training });
    const eps = tf.randomNormal(mean.shape, 0, 1, 'float32', nextSeed!());
    const code = tf.add(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
    const entries = inputShape.reduce((a, b) => a * b, 1);
    return { code, terms: { kl: tf.mul(gaussianKl(mean, logVar), klWeight(cfg, trainingStep) / entries) } };
  },
  posterior: (_cfg, { features, heads }) => ({
    mean: heads.mean.apply(features, { training: false }),
    logVar: heads.logVar.apply(features, { training: false }),
  }),
  portable: { code: 'mean', logVar: 'logVar' },
  prior: (_cfg, { n, codeShape, seed }) => tf.randomNormal([n, ...codeShape], 0, 1, 'float32', seed),
});

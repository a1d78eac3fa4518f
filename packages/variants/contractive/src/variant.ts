/**
 * The contractive autoencoder: adds weight * ||d encoder(x) / d x||_F^2 to
 * the loss, so that nearby inputs get nearby codes. The norm is exact
 * (Jacobian rows pulled back through every encoder layer with first-order
 * ops, see core's `jacobianFrobenius`), or estimated from `probes` random
 * projections, which costs less for wide codes.
 */
import { contractivePenalty, defineVariant, s, tf } from '@hourglass/core';

const options = s.object({
  weight: s.number({ min: 0, default: 1e-4, doc: 'multiplier of the Jacobian penalty' }),
  probes: s.int({ min: 0, default: 0, doc: '0 = exact norm; otherwise the number of random projections' }),
});

/**
 * The contractive regularizer plug-in.
 *
 * @example
 * Autoencoder.create({ inputShape: [784], variants: [{ name: 'undercomplete' }, { name: 'contractive', config: { weight: 1e-3 } }] });
 */
export const contractive = defineVariant({
  name: 'contractive',
  version: '0.1.0',
  role: 'regularizer',
  description: 'Squared Frobenius norm of the encoder Jacobian (exact, or estimated from random probes).',
  encoderJacobian: true,
  options,
  terms: (cfg, step) => ({
    contractive: tf.mul(contractivePenalty(step.encoder, step.input, cfg.probes > 0 ? { count: cfg.probes, seed: step.nextSeed() } : undefined), cfg.weight),
  }),
});

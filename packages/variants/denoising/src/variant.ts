/**
 * The denoising autoencoder: during training the input is corrupted, and the
 * loss compares the output with the clean input, so the model learns to
 * repair the damage. Evaluation, `encode` and `score` see clean inputs.
 * Each kind of damage is one of core's corruption ops (seeded, except the
 * blur). One occurrence applies one kind of damage; list the variant more
 * than once to combine kinds (blur then noise, ...), and other corruption
 * plug-ins compose with it too (all applied in the listed order).
 */
import { blockOcclusion, defineVariant, gaussianBlur, gaussianNoise, maskingNoise, s, saltAndPepper } from '@hourglass/core';

const options = s.object({
  noise: s.enum(['gaussian', 'masking', 'salt-pepper', 'occlusion', 'blur'] as const, { default: 'gaussian', doc: 'kind of damage' }),
  std: s.number({ min: 0, default: 0.4, doc: 'gaussian: noise standard deviation' }),
  clip: s.boolean({ default: true, doc: 'gaussian: clip the noisy input to [0, 1]' }),
  rate: s.number({ min: 0, max: 1, default: 0.25, doc: 'masking, salt-pepper: fraction of entries hit' }),
  block: s.int({ min: 1, default: 8, doc: 'occlusion: side of the blanked square (steps of the gap for windows, run length for flat data)' }),
  sigma: s.number({ gt: 0, default: 1, doc: 'blur: Gaussian standard deviation in pixels' }),
});

/**
 * The denoising corruption plug-in.
 *
 * @example
 * Autoencoder.create({ inputShape: [28, 28, 1], variants: [{ name: 'convolutional' }, { name: 'denoising', config: { noise: 'gaussian', std: 0.4 } }] });
 */
export const denoising = defineVariant({
  name: 'denoising',
  version: '0.1.0',
  role: 'corruption',
  description: 'Corrupts inputs during training (gaussian, masking, salt-pepper, occlusion, blur); the loss compares with the clean input.',
  options,
  corrupt: (cfg, x, { seed }) => {
    switch (cfg.noise) {
      case 'gaussian':
        return gaussianNoise(x, cfg.std, seed, cfg.clip ? [0, 1] : undefined);
      case 'masking':
        return maskingNoise(x, cfg.rate, seed);
      case 'salt-pepper':
        return saltAndPepper(x, cfg.rate, seed);
      case 'occlusion':
        return blockOcclusion(x, cfg.block, seed);
      case 'blur':
        return gaussianBlur(x, cfg.sigma);
    }
  },
});

/**
 * The denoising autoencoder: during training the input is corrupted, and the
 * loss compares the output with the clean input, so the model learns to
 * repair the damage. Evaluation, `encode` and `score` see clean inputs.
 * Each kind of damage is one of core's corruption ops (seeded, except the
 * blur). One occurrence applies one kind of damage; list the variant more
 * than once to combine kinds (blur then noise, ...), and other corruption
 * plug-ins compose with it too (all applied in the listed order).
 *
 * Masking and occlusion blank entries with 0, or with `fill: 'diffusion'`
 * fill them smoothly from their known neighbours (core's `diffusionFill`):
 * the model then learns to correct a smooth guess, and `repair` pre-fills
 * holes the same way through this plug-in's `fill`.
 */
import { defineVariant, diffusionFill, gaussianBlur, gaussianNoise, maskingMask, occlusionMask, s, saltAndPepper, tf, type Tensor } from '@hourglass/core';

const options = s.object({
  noise: s.enum(['gaussian', 'masking', 'salt-pepper', 'occlusion', 'blur'] as const, { default: 'gaussian', doc: 'kind of damage' }),
  std: s.number({ min: 0, default: 0.4, doc: 'gaussian: noise standard deviation' }),
  clip: s.boolean({ default: true, doc: 'gaussian: clip the noisy input to [0, 1]' }),
  rate: s.number({ min: 0, max: 1, default: 0.25, doc: 'masking, salt-pepper: fraction of entries hit' }),
  block: s.int({ min: 1, default: 8, doc: 'occlusion: side of the blanked square (steps of the gap for windows, run length for flat data)' }),
  sigma: s.number({ gt: 0, default: 1, doc: 'blur: Gaussian standard deviation in pixels' }),
  fill: s.enum(['zero', 'diffusion'] as const, { default: 'zero', doc: 'masking, occlusion: what the blanked entries hold (0, or a diffusion fill from their known neighbours; images and series only)' }),
});

type Config = ReturnType<typeof options.parse>;

/** `x` where `known` is 1, the configured fill where it is 0. */
function blank(cfg: Config, x: Tensor, known: Tensor): Tensor {
  return tf.tidy(() => (cfg.fill === 'diffusion' ? diffusionFill(x, known) : tf.mul(x, known)));
}

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
        return blank(cfg, x, maskingMask(x.shape, cfg.rate, seed));
      case 'salt-pepper':
        return saltAndPepper(x, cfg.rate, seed);
      case 'occlusion':
        return blank(cfg, x, occlusionMask(x.shape, cfg.block, seed));
      case 'blur':
        return gaussianBlur(x, cfg.sigma);
    }
  },
  fill: (cfg, x, known) => (cfg.fill === 'diffusion' && (cfg.noise === 'masking' || cfg.noise === 'occlusion') ? blank(cfg, x, known) : undefined),
});

/**
 * The presets "mult-vae" and "mult-dae": the paper's two models by one name
 * each (`hourglass train --variant mult-vae`). `latent` is the code size and
 * `hidden` the encoder widths, as in `multVae()` / `multDae()`; the other
 * options keep the paper's values and stay reachable by name
 * (`--set variational.beta=0.3`).
 */
import type { PresetDefinition } from '@hourglass/core';
import { multDae, multVae } from './variant.js';

/** Mult-VAE: needs "denoising" and "variational" registered. */
export const multVaePreset: PresetDefinition = {
  name: 'mult-vae',
  description: 'Mult-VAE (Liang et al. 2018): the mult-vae architecture, masking 0.5 as input dropout, a variational code with KL annealing',
  variants: ({ latent, hidden, loss }) => multVae({ latent, hidden, loss }),
};

/** Mult-DAE: needs "denoising" registered. */
export const multDaePreset: PresetDefinition = {
  name: 'mult-dae',
  description: 'Mult-DAE (Liang et al. 2018): the mult-vae architecture with its own tanh code, masking 0.5 as input dropout',
  variants: ({ latent, hidden, loss }) => multDae({ latent, hidden, loss }),
};

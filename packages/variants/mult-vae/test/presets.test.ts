import { describe, expect, it } from 'vitest';
import { Autoencoder, getPreset, listVariants } from '@hourglass/core';
import '../src/register.js';
import { multDae, multVae } from '../src/index.js';

describe('the mult-vae and mult-dae presets', () => {
  it('are registered by the register entry, with the variants they expand to', () => {
    expect(listVariants().map((v) => v.name)).toEqual(expect.arrayContaining(['denoising', 'mult-vae', 'variational']));
    expect(getPreset('mult-vae')!.variants({})).toEqual(multVae());
    expect(getPreset('mult-dae')!.variants({})).toEqual(multDae());
  });
  it('take --latent as the code size, --hidden as the encoder widths and --loss for the architecture', () => {
    expect(getPreset('mult-vae')!.variants({ latent: 64, hidden: [300], loss: 'bce' })).toEqual([
      { name: 'mult-vae', config: { hidden: [300], latent: 0, loss: 'bce' } },
      { name: 'denoising', config: { noise: 'masking', rate: 0.5 } },
      { name: 'variational', config: { latent: 64, beta: 0.2, anneal: 200000 } },
    ]);
    expect(getPreset('mult-dae')!.variants({ latent: 64, hidden: [300] })).toEqual([
      { name: 'mult-vae', config: { hidden: [300], latent: 64 } },
      { name: 'denoising', config: { noise: 'masking', rate: 0.5 } },
    ]);
  });
  it('make the models of the paper, sized as asked', () => {
    const vae = Autoencoder.create({ inputShape: [40], variants: getPreset('mult-vae')!.variants({ latent: 6, hidden: [12] }), seed: 1 });
    const dae = Autoencoder.create({ inputShape: [40], variants: getPreset('mult-dae')!.variants({ latent: 6, hidden: [12] }), seed: 1 });
    expect([vae.codeShape, dae.codeShape, vae.loss, dae.loss]).toEqual([[6], [6], 'multinomial', 'multinomial']);
    expect(vae.recipe.variants.map((v) => v.name)).toEqual(['mult-vae', 'denoising', 'variational']);
    vae.dispose();
    dae.dispose();
  });
});

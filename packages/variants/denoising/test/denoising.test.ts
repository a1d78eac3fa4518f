import { describe, expect, it } from 'vitest';
import { Autoencoder, diffusionFill, loadModel, maskingMask, memoryStore, occlusionMask, registerVariant, saveModel, tf, train } from '@hourglass/core';
import { suiteData, variantContractSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { convolutional } from '@hourglass/variant-convolutional';
import { sparse } from '@hourglass/variant-sparse';
import { denoising } from '../src/index.js';

[undercomplete, convolutional, sparse].forEach(registerVariant);
const dense = { name: 'undercomplete', config: { latent: 4, hidden: [12] } };

variantContractSuite({
  variant: denoising,
  with: [dense],
  config: { noise: 'gaussian', std: 0.2 },
  badConfigs: [
    { config: { noise: 'speckle' }, message: /noise: expected one of "gaussian", "masking", "salt-pepper", "occlusion", "blur"/ },
    { config: { rate: 1.5 }, message: /rate: expected a finite number >= 0 and <= 1, got 1.5/ },
  ],
});

describe('denoising', () => {
  it.each(['gaussian', 'masking', 'salt-pepper', 'occlusion', 'blur'] as const)('%s damage changes the training input but not evaluation', (noise) => {
    const m = Autoencoder.create({ inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4] } }, { name: 'denoising', config: { noise, block: 3 } }], seed: 1 });
    const clean = Autoencoder.create({ inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4] } }], seed: 1 });
    tf.tidy(() => {
      const x = tf.tensor(suiteData(6, [8, 8, 1]).x, [6, 8, 8, 1]);
      const noisy = m.step(x, { seed: 4 }).terms.reconstruction.dataSync()[0];
      const plain = clean.step(x, { seed: 4 }).terms.reconstruction.dataSync()[0];
      expect(noisy).not.toBeCloseTo(plain, 6);
      expect(Array.from(m.score(x).dataSync())).toEqual(Array.from(clean.score(x).dataSync()));
    });
    m.dispose();
    clean.dispose();
  });
  it('composes convolutional + denoising + sparse into one model that trains, saves and reloads', async () => {
    const variants = [
      { name: 'convolutional', config: { filters: [4, 4] } },
      { name: 'denoising', config: { noise: 'masking', rate: 0.3 } },
      { name: 'sparse', config: { weight: 1e-3 } },
    ];
    const m = Autoencoder.create({ inputShape: [8, 8, 1], variants, seed: 2 });
    const r = await train(m, suiteData(64, [8, 8, 1]), { epochs: 8, batchSize: 16, optimizer: { learningRate: 0.01 } });
    expect(Object.keys(r.history[0].terms).sort()).toEqual(['reconstruction', 'sparsity']);
    expect(r.history[7].terms.reconstruction).toBeLessThan(r.history[0].terms.reconstruction);
    const store = memoryStore();
    await saveModel(m, store);
    const loaded = await loadModel(store);
    expect(loaded.variantNames).toEqual(['convolutional', 'denoising', 'sparse']);
    m.dispose();
    loaded.dispose();
  });
  it.each([
    ['occlusion', (shape: number[]) => occlusionMask(shape, 3, 5)],
    ['masking', (shape: number[]) => maskingMask(shape, 0.25, 5)],
  ] as const)('fill "diffusion": %s fills the blanked entries from their known neighbours, and fill() gives repair the same', (noise, maskOf) => {
    const zero = denoising.options.parse({ noise, block: 3 });
    const smooth = denoising.options.parse({ noise, block: 3, fill: 'diffusion' });
    tf.tidy(() => {
      const x = tf.tensor(suiteData(4, [8, 8, 1]).x, [4, 8, 8, 1]);
      const known = maskOf(x.shape);
      expect(Array.from(denoising.corrupt(zero, x, { seed: 5 }).dataSync())).toEqual(Array.from(tf.mul(x, known).dataSync()));
      const filled = Array.from(diffusionFill(x, known).dataSync());
      expect(Array.from(denoising.corrupt(smooth, x, { seed: 5 }).dataSync())).toEqual(filled);
      expect(Array.from(denoising.fill!(smooth, x, known)!.dataSync())).toEqual(filled);
      expect(denoising.fill!(zero, x, known)).toBeUndefined();
      expect(denoising.fill!(denoising.options.parse({ noise: 'gaussian', fill: 'diffusion' }), x, known)).toBeUndefined();
    });
  });
});

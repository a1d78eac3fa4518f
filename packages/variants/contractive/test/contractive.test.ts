import { describe, expect, it } from 'vitest';
import { Autoencoder, jacobianFrobenius, registerVariant, tf, train } from '@hourglass/core';
import { suiteData, variantContractSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { contractive } from '../src/index.js';

registerVariant(undercomplete);
const arch = { name: 'undercomplete', config: { latent: 4, hidden: [12], activation: 'tanh', codeActivation: 'sigmoid' } };

variantContractSuite({ variant: contractive, with: [arch], config: { weight: 1e-2 }, badConfigs: [{ config: { probes: -1 }, message: /probes: expected an integer >= 0/ }] });
variantContractSuite({ variant: contractive, with: [arch], config: { weight: 1e-2, probes: 4 } });

const jacobianNorm = (m: Autoencoder, x: tf.Tensor) => tf.tidy(() => tf.mean(jacobianFrobenius(m.encoder, x)).dataSync()[0]);

describe('contractive', () => {
  it('adds weight * ||J||_F^2 of the encoder', () => {
    const m = Autoencoder.create({ inputShape: [16], variants: [arch, { name: 'contractive', config: { weight: 0.3 } }], seed: 1 });
    tf.tidy(() => {
      const x = tf.tensor(suiteData(4, [16]).x, [4, 16]);
      expect(m.step(x, { seed: 1 }).terms.contractive.dataSync()[0]).toBeCloseTo(0.3 * jacobianNorm(m, x), 5);
    });
    m.dispose();
  });
  it('makes the encoder less sensitive to its input than training without it', async () => {
    const data = suiteData(128, [16]);
    const x = tf.tensor(data.x, [128, 16]);
    const fit = async (weight: number) => {
      const m = Autoencoder.create({ inputShape: [16], variants: weight ? [arch, { name: 'contractive', config: { weight } }] : [arch], seed: 2 });
      await train(m, data, { epochs: 15, batchSize: 32, optimizer: { learningRate: 0.01 } });
      const norm = jacobianNorm(m, x);
      m.dispose();
      return norm;
    };
    const free = await fit(0);
    const contracted = await fit(0.1);
    expect(contracted).toBeLessThan(free * 0.7);
    x.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { Autoencoder, ConfigError, jacobianFrobenius, recipeSize, registerVariant, tf, train } from '@hourglass/core';
import { suiteData, variantContractSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { convolutional } from '@hourglass/variant-convolutional';
import { recurrent } from '@hourglass/variant-recurrent';
import { contractive } from '../src/index.js';

registerVariant(undercomplete);
registerVariant(convolutional);
registerVariant(recurrent);
const arch = { name: 'undercomplete', config: { latent: 4, hidden: [12], activation: 'tanh', codeActivation: 'sigmoid' } };

variantContractSuite({ variant: contractive, with: [arch], config: { weight: 1e-2 }, badConfigs: [{ config: { probes: -1 }, message: /probes: expected an integer >= 0/ }] });
variantContractSuite({ variant: contractive, with: [arch], config: { weight: 1e-2, probes: 4 } });
// the default convolutional architecture: conv2d + max pooling, pulled back exactly
variantContractSuite({ variant: contractive, with: [{ name: 'convolutional', config: { filters: [2], latent: 2, activation: 'tanh' } }], config: { weight: 1e-2 }, inputShape: [6, 6, 1] });

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
  it('refuses, when the model is built, an encoder it cannot pull back through, naming the layer and the architecture', () => {
    const recipe = { inputShape: [6, 2], variants: [{ name: 'recurrent', config: { units: [4] } }, { name: 'contractive' }] };
    const message = /variant "contractive" needs the encoder's Jacobian, but architecture "recurrent" has encoder layer "encoder\/lstm_0" \(lstm\), which cannot pull one back; use an architecture whose encoder is built of dense, conv2d/;
    expect(() => recipeSize(recipe)).toThrow(message);
    const before = tf.memory().numTensors;
    expect(() => Autoencoder.create(recipe)).toThrow(ConfigError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import { Autoencoder, l1Activity, registerVariant, tf, train } from '@hourglass/core';
import { suiteData, variantContractSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { sparse } from '../src/index.js';

registerVariant(undercomplete);
const arch = (config: Record<string, unknown> = {}) => ({ name: 'undercomplete', config: { latent: 8, hidden: [16], ...config } });

variantContractSuite({ variant: sparse, with: [arch()], config: { weight: 1e-3 }, badConfigs: [{ config: { rho: 1 }, message: /rho: expected a finite number > 0 and < 1, got 1/ }] });
variantContractSuite({ variant: sparse, with: [arch({ codeActivation: 'sigmoid' })], config: { penalty: 'kl', weight: 1e-2, target: 'hidden' } });

const meanActivation = (m: Autoencoder, x: tf.Tensor) => tf.tidy(() => tf.mean(m.encode(x)).dataSync()[0]);

describe('sparse', () => {
  it('adds weight * sum |code| as the sparsity term', () => {
    const m = Autoencoder.create({ inputShape: [16], variants: [arch(), { name: 'sparse', config: { weight: 0.5 } }], seed: 1 });
    tf.tidy(() => {
      const x = tf.tensor(suiteData(4, [16]).x, [4, 16]);
      const r = m.step(x, { seed: 1 });
      const expected = tf.mean(l1Activity(m.encode(x))).dataSync()[0] * 0.5;
      expect(r.terms.sparsity.dataSync()[0]).toBeCloseTo(expected, 5);
    });
    m.dispose();
  });
  it('lowers the mean code activation compared with no penalty (as Keras K2: 3.33 vs 7.30)', async () => {
    const data = suiteData(256, [16]);
    const x = tf.tensor(data.x, [256, 16]);
    const fit = async (weight: number) => {
      const variants = weight > 0 ? [arch(), { name: 'sparse', config: { weight } }] : [arch()];
      const m = Autoencoder.create({ inputShape: [16], variants, seed: 3 });
      await train(m, data, { epochs: 20, batchSize: 32, optimizer: { learningRate: 0.01 } });
      const a = meanActivation(m, x);
      m.dispose();
      return a;
    };
    const free = await fit(0);
    const penalised = await fit(0.01);
    expect(penalised).toBeLessThan(free * 0.7);
    x.dispose();
  });
});

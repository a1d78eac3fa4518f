import { describe, expect, it } from 'vitest';
import { Autoencoder, gaussianKl, registerVariant, tf, train } from '@hourglass/core';
import { suiteData, variantContractSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { convolutional } from '@hourglass/variant-convolutional';
import { klWeight, variational } from '../src/index.js';

registerVariant(undercomplete);
registerVariant(convolutional);
const arch = { name: 'undercomplete', config: { latent: 8, hidden: [16] } };

variantContractSuite({ variant: variational, with: [arch], config: { latent: 3 }, badConfigs: [{ config: { beta: -1 }, message: /beta: expected a finite number >= 0, got -1/ }] });
variantContractSuite({ variant: variational, with: [{ name: 'convolutional', config: { filters: [4, 4] } }], config: { latent: 2 }, inputShape: [8, 8, 1] });

describe('variational', () => {
  const make = (config: Record<string, unknown> = {}) => Autoencoder.create({ inputShape: [16], variants: [arch, { name: 'variational', config: { latent: 3, ...config } }], seed: 4 });
  it('encodes to the mean, deterministically, and generates from the prior', () => {
    const m = make();
    tf.tidy(() => {
      const x = tf.tensor(suiteData(5, [16]).x, [5, 16]);
      const z = m.encode(x);
      expect(z.shape).toEqual([5, 3]);
      expect(Array.from(m.encode(x).dataSync())).toEqual(Array.from(z.dataSync()));
      const g = m.generate(7, 1);
      expect(g.shape).toEqual([7, 16]);
      expect(Array.from(m.generate(7, 1).dataSync())).toEqual(Array.from(g.dataSync()));
      expect(Array.from(m.generate(7, 2).dataSync())).not.toEqual(Array.from(g.dataSync()));
    });
    m.dispose();
  });
  it('adds beta * KL(q || N(0, I)) per input entry, and samples during training', () => {
    const one = make();
    const four = make({ beta: 4 });
    tf.tidy(() => {
      const x = tf.tensor(suiteData(6, [16]).x, [6, 16]);
      const kl1 = one.step(x, { seed: 3 }).terms.kl.dataSync()[0];
      const kl4 = four.step(x, { seed: 3 }).terms.kl.dataSync()[0];
      expect(kl4).toBeCloseTo(4 * kl1, 5);
      const f = one.encoder.apply(x, { training: false });
      const mean = one.heads.mean.apply(f, { training: false });
      const logVar = one.heads.logVar.apply(f, { training: false });
      expect(kl1).toBeCloseTo(tf.mean(gaussianKl(mean, logVar)).dataSync()[0] / 16, 6);
      expect(one.step(x, { seed: 3 }).terms.reconstruction.dataSync()[0]).not.toBe(one.step(x, { seed: 4 }).terms.reconstruction.dataSync()[0]);
    });
    [one, four].forEach((m) => m.dispose());
  });
  it('gives its posterior: the mean and log-variance heads', () => {
    const m = make();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor(suiteData(4, [16]).x, [4, 16]);
      const q = m.posterior(x)!;
      const f = m.encoder.apply(x, { training: false });
      expect(Array.from(q.mean.dataSync())).toEqual(Array.from(m.encode(x).dataSync()));
      expect(Array.from(q.logVar.dataSync())).toEqual(Array.from(m.heads.logVar.apply(f, { training: false }).dataSync()));
    });
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
  it('lowers the negative ELBO in training', async () => {
    const m = make();
    const r = await train(m, suiteData(128, [16]), { epochs: 10, batchSize: 32, optimizer: { learningRate: 0.01 } });
    expect(r.history[9].loss).toBeLessThan(r.history[0].loss);
    expect(r.history[9].terms.kl).toBeGreaterThan(0);
    m.dispose();
  });
});

describe('variational KL annealing', () => {
  it('klWeight rises linearly to beta over anneal steps, and is beta without a step or without annealing', () => {
    const cfg = { beta: 0.2, anneal: 1000 };
    expect([0, 100, 200, 5000].map((t) => klWeight(cfg, t))).toEqual([0, 0.1, 0.2, 0.2]);
    expect(klWeight(cfg, undefined)).toBe(0.2);
    expect(klWeight({ beta: 0.2, anneal: 0 }, 7)).toBe(0.2);
  });
  it('a step weighs its KL term by the step it is told, the same step giving the same term (resumable)', () => {
    const m = Autoencoder.create({ inputShape: [16], variants: [arch, { name: 'variational', config: { latent: 3, beta: 0.5, anneal: 10 } }], seed: 4 });
    tf.tidy(() => {
      const x = tf.tensor(suiteData(6, [16]).x, [6, 16]);
      const kl = (trainingStep?: number) => m.step(x, { seed: 3, trainingStep }).terms.kl.dataSync()[0];
      const full = kl();
      expect(full).toBeGreaterThan(0);
      expect(kl(0)).toBe(0);
      expect(kl(2)).toBeCloseTo((full * 0.2) / 0.5, 6);
      expect(kl(2)).toBe(kl(2));
      expect(kl(50)).toBeCloseTo(full, 6);
    });
    m.dispose();
  });
  it('the trainer counts steps across epochs: with annealing the first epoch pays less KL than the capped weight would', async () => {
    const data = suiteData(32, [16]);
    const run = async (anneal: number) => {
      const m = Autoencoder.create({ inputShape: [16], variants: [arch, { name: 'variational', config: { latent: 3, beta: 1, anneal } }], seed: 4 });
      const r = await train(m, data, { epochs: 2, batchSize: 8, seed: 1 });
      m.dispose();
      return r.history.map((h) => h.terms.kl);
    };
    const [annealed, plain] = [await run(8), await run(0)];
    // Steps 0-3 of 8 in the first epoch: weights 0, 1/8, 2/8, 3/8.
    expect(annealed[0]).toBeLessThan(0.5 * plain[0]);
  });
});

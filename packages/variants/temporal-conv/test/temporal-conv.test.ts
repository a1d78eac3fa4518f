import { describe, expect, it } from 'vitest';
import { Autoencoder, ShapeError, loadModel, memoryStore, registerVariant, saveModel, tf, train, type Stack } from '@hourglass/core';
import { sineWindows, variantContractSuite } from '@hourglass/core/testing';
import { denoising } from '@hourglass/variant-denoising';
import { variational } from '@hourglass/variant-variational';
import { temporalConv } from '../src/index.js';

[temporalConv, denoising, variational].forEach(registerVariant);

variantContractSuite({
  variant: temporalConv,
  config: { filters: [8, 4], kernelSize: 3 },
  inputShape: [12, 2],
  targetShape: [5, 2],
  badConfigs: [
    { config: { filters: [] }, message: /filters: expected an array of an integer >= 1 \(length 1\.\.any\)/ },
    { config: { dropout: 1 }, message: /dropout: expected a finite number >= 0 and < 1, got 1/ },
  ],
});
variantContractSuite({ variant: temporalConv, config: { filters: [6, 4], kernelSize: 3, dropout: 0, latent: 5, activation: 'tanh' }, inputShape: [11, 1], targetShape: [3, 1] });

const summary = (stack: Stack) => stack.layers.map((l) => `${l.type}:${l.outputShape.join('x')}`);

describe('temporal-conv', () => {
  it('defaults to the model of the Keras time-series anomaly example', () => {
    const m = Autoencoder.create({ inputShape: [288, 1], variants: [{ name: 'temporal-conv' }] });
    expect(m.codeShape).toEqual([72, 16]);
    expect(summary(m.encoder)).toEqual(['conv1d:144x32', 'dropout:144x32', 'conv1d:72x16']);
    expect(summary(m.decoder!)).toEqual(['conv1dTranspose:144x16', 'dropout:144x16', 'conv1dTranspose:288x32', 'conv1dTranspose:288x1']);
    expect(m.loss).toBe('mse');
    // Keras' model.summary(): 256 + 3,600 + 1,808 + 3,616 + 225 = 9,505 parameters.
    expect(m.parameterCount).toBe(9505);
    m.dispose();
  });

  it('crops what the decoder overshoots on lengths that do not divide', () => {
    const m = Autoencoder.create({ inputShape: [50, 3], variants: [{ name: 'temporal-conv', config: { dropout: 0 } }] });
    expect(summary(m.encoder)).toEqual(['conv1d:25x32', 'conv1d:13x16']);
    expect(summary(m.decoder!)).toEqual(['conv1dTranspose:26x16', 'conv1dTranspose:52x32', 'crop1d:50x32', 'conv1dTranspose:50x3']);
    expect(m.decoder!.layers[2].spec).toMatchObject({ start: 1, end: 1 });
    m.dispose();
  });

  it('makes a flat code with latent, bridged back to the feature map by a dense layer', () => {
    const m = Autoencoder.create({ inputShape: [48, 1], variants: [{ name: 'temporal-conv', config: { filters: [8, 4, 4], latent: 6 } }] });
    expect(m.codeShape).toEqual([6]);
    expect(summary(m.encoder).slice(-2)).toEqual(['flatten:24', 'dense:6']);
    expect(summary(m.decoder!).slice(0, 3)).toEqual(['dense:24', 'reshape:6x4', 'conv1dTranspose:12x4']);
    m.dispose();
  });

  it('rejects inputs and targets that are not windows, by shape', () => {
    const create = () => Autoencoder.create({ inputShape: [8, 8, 1], variants: [{ name: 'temporal-conv' }] });
    expect(create).toThrow(ShapeError);
    expect(create).toThrow('temporal-conv: expects sequences [steps, features], got [8, 8, 1]');
    const flatTarget = () => Autoencoder.create({ inputShape: [48, 1], variants: [{ name: 'temporal-conv' }], target: { shape: [12], objective: 'predict' } });
    expect(flatTarget).toThrow('temporal-conv: expects prediction targets [steps, features], got [12]');
  });

  it('learns to reconstruct sine windows', async () => {
    const m = Autoencoder.create({ inputShape: [24, 1], variants: [{ name: 'temporal-conv', config: { filters: [8, 4], kernelSize: 5 } }], seed: 1 });
    const r = await train(m, sineWindows(64, 24), { epochs: 8, batchSize: 16, seed: 1, optimizer: { learningRate: 0.01 } });
    const rec = r.history.map((h) => h.terms.reconstruction);
    expect(rec[rec.length - 1]).toBeLessThan(0.5 * rec[0]);
    m.dispose();
  });
});

describe('temporal-conv with a target', () => {
  const window = 24;
  const horizon = 6;
  const data = sineWindows(64, window, { horizon });

  it('predicts the next steps: the code is bridged to the horizon\'s feature map', async () => {
    const m = Autoencoder.create({ inputShape: [window, 1], variants: [{ name: 'temporal-conv', config: { filters: [8, 8], kernelSize: 5, dropout: 0.1 } }], target: { shape: [horizon, 1], objective: 'predict' }, seed: 1 });
    expect(m.decoder).toBeUndefined();
    expect(summary(m.predictor!)).toEqual(['flatten:48', 'dense:16', 'reshape:2x8', 'conv1dTranspose:4x8', 'dropout:4x8', 'conv1dTranspose:8x8', 'crop1d:6x8', 'conv1dTranspose:6x1']);
    const r = await train(m, data, { epochs: 10, batchSize: 16, seed: 1, optimizer: { learningRate: 0.02 } });
    const pred = r.history.map((h) => h.terms.prediction);
    expect(pred[pred.length - 1]).toBeLessThan(0.5 * pred[0]);
    tf.tidy(() => {
      expect(m.predict(tf.tensor(data.x.slice(0, 2 * window), [2, window, 1])).shape).toEqual([2, horizon, 1]);
    });
    m.dispose();
  });

  it('trains the composite model, saves and reloads it, leaking nothing', async () => {
    const m = Autoencoder.create({ inputShape: [window, 1], variants: [{ name: 'temporal-conv', config: { filters: [4], kernelSize: 3 } }], target: { shape: [horizon, 1], objective: 'composite' }, seed: 1 });
    const r = await train(m, data, { epochs: 2, batchSize: 16, seed: 1 });
    for (const h of r.history) expect(h.loss).toBeCloseTo(h.terms.reconstruction + h.terms.prediction, 5);
    const before = tf.memory().numTensors;
    await train(m, data, { epochs: 1, batchSize: 16, validationSplit: 0.25 });
    const x = tf.tensor(data.x.slice(0, 4 * window), [4, window, 1]);
    m.predict(x).dispose();
    m.reconstruct(x).dispose();
    expect(tf.memory().numTensors).toBe(before + 1);
    const store = memoryStore();
    await saveModel(m, store);
    const loaded = await loadModel(store);
    tf.tidy(() => {
      expect(Array.from(loaded.predict(x).dataSync())).toEqual(Array.from(m.predict(x).dataSync()));
      expect(Array.from(loaded.reconstruct(x).dataSync())).toEqual(Array.from(m.reconstruct(x).dataSync()));
    });
    x.dispose();
    m.dispose();
    loaded.dispose();
  });
});

describe('temporal-conv composed with other variants', () => {
  it('trains denoising + variational models on windows, which save and reload', async () => {
    for (const noise of [{ noise: 'gaussian', std: 0.2, clip: false }, { noise: 'occlusion', block: 4 }]) {
      const m = Autoencoder.create({
        inputShape: [16, 2],
        variants: [{ name: 'temporal-conv', config: { filters: [8, 4], kernelSize: 3 } }, { name: 'denoising', config: noise }, { name: 'variational', config: { latent: 3 } }],
        seed: 3,
      });
      expect(m.codeShape).toEqual([3]);
      const data = sineWindows(32, 16, { features: 2 });
      const r = await train(m, data, { epochs: 2, batchSize: 16, seed: 1 });
      expect(Object.keys(r.history[0].terms).sort()).toEqual(['kl', 'reconstruction']);
      const store = memoryStore();
      await saveModel(m, store);
      const loaded = await loadModel(store);
      tf.tidy(() => {
        const x = tf.tensor(data.x.slice(0, 2 * 32), [2, 16, 2]);
        expect(Array.from(loaded.reconstruct(x).dataSync())).toEqual(Array.from(m.reconstruct(x).dataSync()));
        expect(loaded.generate(3, 1).shape).toEqual([3, 16, 2]);
      });
      m.dispose();
      loaded.dispose();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Autoencoder, ShapeError, loadModel, memoryStore, registerVariant, saveModel, tf, train, type Stack } from '@hourglass/core';
import { sineWindows, variantContractSuite } from '@hourglass/core/testing';
import { denoising } from '@hourglass/variant-denoising';
import { variational } from '@hourglass/variant-variational';
import { recurrent } from '../src/index.js';

[recurrent, denoising, variational].forEach(registerVariant);

variantContractSuite({
  variant: recurrent,
  config: { units: [8] },
  inputShape: [5, 2],
  targetShape: [3, 2],
  epochs: 4,
  learningRate: 0.02,
  badConfigs: [
    { config: { cell: 'rnn' }, message: /cell: expected one of "lstm", "gru"/ },
    { config: { units: [] }, message: /units: expected an array of an integer >= 1 \(length 1\.\.any\)/ },
  ],
});
variantContractSuite({ variant: recurrent, config: { cell: 'gru', units: [4, 3], bidirectional: true, latent: 2 }, inputShape: [4, 1], targetShape: [2, 1], epochs: 4, learningRate: 0.02 });

const summary = (stack: Stack) => stack.layers.map((l) => `${l.type}:${l.outputShape.join('x')}`);
const lstmParams = (input: number, units: number) => 4 * units * (input + units) + 4 * units;

describe('recurrent', () => {
  it('expresses the PyTorch reference LSTM autoencoder (model S) with its defaults', () => {
    const m = Autoencoder.create({ inputShape: [48, 1], variants: [{ name: 'recurrent' }] });
    expect(m.codeShape).toEqual([64]);
    expect(summary(m.encoder)).toEqual(['lstm:64']);
    expect(summary(m.decoder!)).toEqual(['repeatVector:48x64', 'lstm:48x64', 'timeDense:48x1']);
    expect(m.loss).toBe('mse');
    // One bias per LSTM (as Keras); PyTorch's two bias vectors per LSTM add 2 x 256: 50,497 there.
    expect(m.parameterCount).toBe(lstmParams(1, 64) + lstmParams(64, 64) + 65);
    expect(m.parameterCount).toBe(50497 - 2 * 256);
    m.dispose();
  });

  it('stacks layers, mirrors them in the decoder and keeps bidirectional reading to the encoder', () => {
    const m = Autoencoder.create({ inputShape: [10, 3], variants: [{ name: 'recurrent', config: { units: [16, 8], bidirectional: true } }] });
    expect(summary(m.encoder)).toEqual(['lstm:10x32', 'lstm:16']);
    expect(summary(m.decoder!)).toEqual(['repeatVector:10x16', 'lstm:10x8', 'lstm:10x16', 'timeDense:10x3']);
    expect(m.parameterCount).toBe(2 * lstmParams(3, 16) + 2 * lstmParams(32, 8) + lstmParams(16, 8) + lstmParams(8, 16) + 16 * 3 + 3);
    m.dispose();
  });

  it('makes a dense code with latent, and uses GRU cells on request', () => {
    const m = Autoencoder.create({ inputShape: [10, 1], variants: [{ name: 'recurrent', config: { cell: 'gru', units: [8], latent: 3 } }] });
    expect(m.codeShape).toEqual([3]);
    expect(summary(m.encoder)).toEqual(['gru:8', 'dense:3']);
    expect(summary(m.decoder!)).toEqual(['repeatVector:10x3', 'gru:10x8', 'timeDense:10x1']);
    m.dispose();
  });

  it('rejects inputs and targets that are not windows, by shape', () => {
    const create = () => Autoencoder.create({ inputShape: [48], variants: [{ name: 'recurrent' }] });
    expect(create).toThrow(ShapeError);
    expect(create).toThrow('recurrent: expects sequences [steps, features], got [48]');
    const flatTarget = () => Autoencoder.create({ inputShape: [48, 1], variants: [{ name: 'recurrent' }], target: { shape: [12], objective: 'predict' } });
    expect(flatTarget).toThrow('recurrent: expects prediction targets [steps, features], got [12]');
  });

  it('learns to reconstruct sine windows', async () => {
    const m = Autoencoder.create({ inputShape: [8, 1], variants: [{ name: 'recurrent', config: { units: [8] } }], seed: 1 });
    const r = await train(m, sineWindows(64, 8), { epochs: 8, batchSize: 16, seed: 1, optimizer: { learningRate: 0.02 } });
    const rec = r.history.map((h) => h.terms.reconstruction);
    expect(rec[rec.length - 1]).toBeLessThan(0.5 * rec[0]);
    m.dispose();
  });
});

describe('recurrent with a target', () => {
  const window = 8;
  const horizon = 4;
  const data = sineWindows(64, window, { horizon });

  it('predicts the next steps with a predictor that repeats the code over the horizon', async () => {
    const m = Autoencoder.create({ inputShape: [window, 1], variants: [{ name: 'recurrent', config: { units: [8] } }], target: { shape: [horizon, 1], objective: 'predict' }, seed: 1 });
    expect(m.hasPredictor).toBe(true);
    expect(m.decoder).toBeUndefined();
    expect(summary(m.predictor!)).toEqual(['repeatVector:4x8', 'lstm:4x8', 'timeDense:4x1']);
    const r = await train(m, data, { epochs: 8, batchSize: 16, seed: 1, optimizer: { learningRate: 0.05 } });
    const pred = r.history.map((h) => h.terms.prediction);
    expect(r.history[0].terms.reconstruction).toBeUndefined();
    expect(pred[pred.length - 1]).toBeLessThan(0.5 * pred[0]);
    tf.tidy(() => {
      expect(m.predict(tf.tensor(data.x.slice(0, 3 * window), [3, window, 1])).shape).toEqual([3, horizon, 1]);
    });
    m.dispose();
  });

  it('trains the composite model: reconstruction plus weighted prediction', async () => {
    const m = Autoencoder.create({ inputShape: [window, 1], variants: [{ name: 'recurrent', config: { units: [8], cell: 'gru' } }], target: { shape: [horizon, 1], objective: 'composite', weight: 0.5 }, seed: 1 });
    expect(summary(m.decoder!)).toEqual(['repeatVector:8x8', 'gru:8x8', 'timeDense:8x1']);
    expect(summary(m.predictor!)).toEqual(['repeatVector:4x8', 'gru:4x8', 'timeDense:4x1']);
    const r = await train(m, data, { epochs: 3, batchSize: 16, seed: 1, optimizer: { learningRate: 0.02 } });
    for (const h of r.history) expect(h.loss).toBeCloseTo(h.terms.reconstruction + h.terms.prediction, 5);
    expect(r.history[2].loss).toBeLessThan(r.history[0].loss);
    m.dispose();
  });

  it('saves and reloads a predicting model to identical forecasts, leaking nothing', async () => {
    const m = Autoencoder.create({ inputShape: [window, 1], variants: [{ name: 'recurrent', config: { units: [4], bidirectional: true } }], target: { shape: [horizon, 1], objective: 'predict' }, seed: 2 });
    await train(m, data, { epochs: 1, batchSize: 16 });
    const before = tf.memory().numTensors;
    await train(m, data, { epochs: 1, batchSize: 16, validationSplit: 0.25 });
    const x = tf.tensor(data.x.slice(0, 4 * window), [4, window, 1]);
    m.predict(x).dispose();
    expect(tf.memory().numTensors).toBe(before + 1);
    const store = memoryStore();
    await saveModel(m, store);
    const loaded = await loadModel(store);
    expect(loaded.recipe.target).toMatchObject({ shape: [horizon, 1], objective: 'predict' });
    tf.tidy(() => {
      expect(Array.from(loaded.predict(x).dataSync())).toEqual(Array.from(m.predict(x).dataSync()));
    });
    x.dispose();
    m.dispose();
    loaded.dispose();
  });
});

describe('recurrent composed with other variants', () => {
  it('trains denoising + variational models on windows, which save and reload', async () => {
    for (const noise of [{ noise: 'gaussian', std: 0.2, clip: false }, { noise: 'masking' }, { noise: 'occlusion', block: 3 }]) {
      const m = Autoencoder.create({
        inputShape: [6, 2],
        variants: [{ name: 'recurrent', config: { units: [4] } }, { name: 'denoising', config: noise }, { name: 'variational', config: { latent: 2 } }],
        seed: 3,
      });
      expect(m.codeShape).toEqual([2]);
      const data = sineWindows(32, 6, { features: 2 });
      const r = await train(m, data, { epochs: 2, batchSize: 16, seed: 1 });
      expect(r.stopReason).toBe('completed');
      expect(Object.keys(r.history[0].terms).sort()).toEqual(['kl', 'reconstruction']);
      const store = memoryStore();
      await saveModel(m, store);
      const loaded = await loadModel(store);
      expect(loaded.variantNames).toEqual(['recurrent', 'denoising', 'variational']);
      tf.tidy(() => {
        const x = tf.tensor(data.x.slice(0, 2 * 12), [2, 6, 2]);
        expect(Array.from(loaded.reconstruct(x).dataSync())).toEqual(Array.from(m.reconstruct(x).dataSync()));
        expect(loaded.generate(3, 1).shape).toEqual([3, 6, 2]);
      });
      m.dispose();
      loaded.dispose();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Autoencoder, predictAll, registerVariant, train } from '@hourglass/core';
import { sineWindows } from '@hourglass/core/testing';
import { undercomplete } from '../src/index.js';

registerVariant(undercomplete);

describe('undercomplete with a target', () => {
  it('a composite model on windows of sines learns to reconstruct and to forecast: both terms fall, and it beats predicting zeros', async () => {
    const data = sineWindows(256, 16, { horizon: 4, seed: 1 });
    const test = sineWindows(128, 16, { horizon: 4, seed: 2 });
    const m = Autoencoder.create({
      inputShape: [16, 1],
      variants: [{ name: 'undercomplete', config: { latent: 8, hidden: [32], loss: 'mse' } }],
      target: { shape: [4, 1], objective: 'composite' },
      seed: 1,
    });
    expect(m.predictor!.layers.map((l) => l.type)).toEqual(['dense', 'dense', 'reshape']);
    const r = await train(m, data, { epochs: 20, batchSize: 32, seed: 1, optimizer: { learningRate: 0.005 } });
    const [first, last] = [r.history[0].terms, r.history[r.history.length - 1].terms];
    expect(last.reconstruction).toBeLessThan(first.reconstruction * 0.5);
    expect(last.prediction).toBeLessThan(first.prediction * 0.5);
    const predicted = await predictAll(m, test);
    const mse = (p: ArrayLike<number>) => Array.from(p).reduce((s, v, i) => s + (v - test.y![i]) ** 2, 0) / p.length;
    expect(mse(predicted)).toBeLessThan(0.25 * mse(new Float32Array(predicted.length)));
    m.dispose();
  });
});

/** A toy series for models with a target: windows of noisy sines and the steps that follow each. */
import { Autoencoder, type ModelTarget } from '../src/index.js';
import { uniformData } from './helpers.js';

/** `n` windows of `window` steps of a sine of random frequency and phase, each with the next `horizon` steps as its target y. */
export function sineWindows(n: number, window = 8, horizon = 2, seed = 1) {
  const u = uniformData(n, 3, seed);
  const x = new Float32Array(n * window);
  const y = new Float32Array(n * horizon);
  for (let i = 0; i < n; i++) {
    const freq = 0.3 + 0.5 * u[i * 3];
    const phase = 6.283 * u[i * 3 + 1];
    const amp = 0.5 + 0.5 * u[i * 3 + 2];
    for (let t = 0; t < window + horizon; t++) {
      const v = amp * Math.sin(freq * t + phase);
      if (t < window) x[i * window + t] = v;
      else y[i * horizon + t - window] = v;
    }
  }
  return { x, y, n, sampleShape: [window, 1], targetShape: [horizon, 1], name: 'sines' };
}

/** The test-dense model (MSE) on windows [8, 1] with a target [2, 1]; needs `registerTestVariants()`. */
export const makeTargetModel = (objective: ModelTarget['objective'], seed = 1, weight?: number) =>
  Autoencoder.create({
    inputShape: [8, 1],
    variants: [{ name: 'test-dense', config: { latent: 4, hidden: 16, loss: 'mse' } }],
    target: { shape: [2, 1], objective, ...(weight === undefined ? {} : { weight }) },
    seed,
  });

/** A toy series and a small model for tests of models with a target. */
import { Autoencoder, type ModelTarget } from '../src/index.js';
import { sineWindows } from '../src/testing/sine-windows.js';

/** `n` windows of 8 steps of sines (values in [-1, 1]), each with the next 2 steps as its target y, named "sines". */
export function sines(n: number, seed = 1) {
  const data = sineWindows(n, 8, { horizon: 2, seed });
  return { x: data.x, y: data.y!, n, sampleShape: [8, 1], targetShape: [2, 1], name: 'sines' };
}

/** The test-dense model (MSE) on windows [8, 1] with a target [2, 1]; needs `registerTestVariants()`. */
export const makeTargetModel = (objective: ModelTarget['objective'], seed = 1, weight?: number) =>
  Autoencoder.create({
    inputShape: [8, 1],
    variants: [{ name: 'test-dense', config: { latent: 4, hidden: 16, loss: 'mse' } }],
    target: { shape: [2, 1], objective, ...(weight === undefined ? {} : { weight }) },
    seed,
  });

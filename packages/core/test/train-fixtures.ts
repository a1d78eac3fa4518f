/** Data and a model for trainer tests: small enough to train in milliseconds. */
import { Autoencoder } from '../src/index.js';
import { uniformData, values } from './helpers.js';

/** Structured data: 8 features driven by 2 hidden factors, so an autoencoder can learn it. */
export function structured(n: number, seed = 1) {
  const u = uniformData(n, 2, seed);
  const x = new Float32Array(n * 8);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < 8; j++) x[i * 8 + j] = 0.5 + 0.4 * Math.sin((j + 1) * u[i * 2] * 2 + u[i * 2 + 1] * j);
  return { x, n, sampleShape: [8] };
}

/** The test-dense model (8 → 16 → 2 → 16 → 8, MSE); needs `registerTestVariants()`. */
export const make = (seed = 1, loss: 'mse' | 'bce' = 'mse') =>
  Autoencoder.create({ inputShape: [8], variants: [{ name: 'test-dense', config: { latent: 2, hidden: 16, loss } }], seed });

/** Every weight's values, in order. */
export const weightsOf = (m: Autoencoder) => m.weights.map((w) => values(w.variable));

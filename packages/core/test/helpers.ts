import { afterAll, beforeAll, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf, createRng, registerVariant, unregisterVariant, defineVariant, gaussianKl, s, type Tensor } from '../src/index.js';

/** A small dense architecture for tests (no dependency on the variant packages). */
export const testDense = defineVariant({
  name: 'test-dense',
  version: '1.0.0',
  role: 'architecture',
  description: 'test architecture',
  options: s.object({ latent: s.int({ min: 1, default: 3 }), hidden: s.int({ min: 1, default: 8 }), loss: s.enum(['bce', 'mse'] as const, { default: 'bce' }) }),
  loss: (c) => c.loss,
  encoder: (c, { inputShape }) => [
    ...(inputShape.length > 1 ? [{ type: 'flatten' }] : []),
    { type: 'dense', units: c.hidden, activation: 'tanh' },
    { type: 'dense', units: c.latent, activation: 'sigmoid' },
  ],
  decoder: (c, { inputShape }) => [
    { type: 'dense', units: c.hidden, activation: 'tanh' },
    { type: 'dense', units: inputShape.reduce((a, b) => a * b, 1) },
    ...(inputShape.length > 1 ? [{ type: 'reshape', shape: inputShape }] : []),
  ],
});

/** A tiny Gaussian latent (a VAE's) with a posterior, for tests. */
export const testGauss = defineVariant({
  name: 'test-gauss',
  version: '1.0.0',
  role: 'latent',
  description: 'a tiny VAE latent',
  options: s.object({ size: s.int({ min: 1, default: 2 }) }),
  heads: (c) => ({ heads: { mu: [{ type: 'dense', units: c.size }], logVar: [{ type: 'dense', units: c.size }] }, codeShape: [c.size] }),
  forward: (_c, { features, heads, training, nextSeed }) => {
    const mu = heads.mu.apply(features, { training });
    if (!training) return { code: mu };
    const logVar = heads.logVar.apply(features, { training });
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', nextSeed!());
    return { code: tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps)), terms: { kl: gaussianKl(mu, logVar) } };
  },
  posterior: (_c, { features, heads }) => ({ mean: heads.mu.apply(features, { training: false }), logVar: heads.logVar.apply(features, { training: false }) }),
  prior: (_c, { n, codeShape, seed }) => tf.randomNormal([n, ...codeShape], 0, 1, 'float32', seed),
});

/** An architecture whose decoder output misses the input shape by one unit, found only after every layer is built. */
export const badDecoder = defineVariant({
  name: 'test-bad-decoder',
  version: '1.0.0',
  role: 'architecture',
  description: 'decoder one unit short',
  options: s.object({ hidden: s.int({ min: 1, default: 8 }) }),
  loss: () => 'mse',
  encoder: (c) => [{ type: 'dense', units: c.hidden }, { type: 'dense', units: 2 }],
  decoder: (c, { inputShape }) => [{ type: 'dense', units: c.hidden }, { type: 'dense', units: inputShape[0] - 1 }],
});

export function registerTestVariants(): void {
  registerVariant(testDense);
}

export function unregisterTestVariants(): void {
  unregisterVariant('test-dense');
}

/** Uniform [0, 1) data from a seed. */
export function uniformData(n: number, d: number, seed = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * d }, () => rng.next());
}

/** Runs `fn` and asserts the live tensor count is unchanged. */
export async function expectNoLeak(fn: () => unknown | Promise<unknown>): Promise<void> {
  const before = tf.memory().numTensors;
  await fn();
  expect(tf.memory().numTensors).toBe(before);
}

/** Values of a tensor as a plain array. */
export const values = (t: Tensor) => Array.from(t.dataSync());

/**
 * Registers the test variants and makes a fresh temporary folder (passed to
 * `use`) before a file's tests; unregisters them and removes the folder after.
 */
export function useTestVariantsAndDir(prefix: string, use: (dir: string) => void): void {
  let dir: string | undefined;
  beforeAll(async () => {
    registerTestVariants();
    dir = await mkdtemp(join(tmpdir(), prefix));
    use(dir);
  });
  afterAll(async () => {
    unregisterTestVariants();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
}

/** Registers the test architectures and the Gaussian test latent before a file's tests; unregisters them after. */
export function useTestVariantsAndGauss(): void {
  beforeAll(() => {
    registerTestVariants();
    registerVariant(testGauss);
  });
  afterAll(() => {
    unregisterTestVariants();
    unregisterVariant('test-gauss');
  });
}

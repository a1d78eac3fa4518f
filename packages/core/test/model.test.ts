import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  tf,
  Autoencoder,
  ConfigError,
  ShapeError,
  defineVariant,
  registerVariant,
  unregisterVariant,
  getVariant,
  listVariants,
  composeVariants,
  l1Activity,
  s,
} from '../src/index.js';
import { expectNoLeak, registerTestVariants, testDense, testGauss as gauss, unregisterTestVariants, values } from './helpers.js';

const noise = defineVariant({
  name: 'test-noise',
  version: '1.0.0',
  role: 'corruption',
  description: 'adds gaussian noise',
  options: s.object({ std: s.number({ min: 0, default: 0.5 }) }),
  corrupt: (c, x, { seed }) => tf.add(x, tf.randomNormal(x.shape, 0, c.std, 'float32', seed)),
});
const l1 = defineVariant({
  name: 'test-l1',
  version: '1.0.0',
  role: 'regularizer',
  description: 'l1 on the code',
  options: s.object({ weight: s.number({ min: 0, default: 0.01 }) }),
  terms: (c, step) => ({ l1: tf.mul(l1Activity(step.code), c.weight) }),
});

beforeAll(() => {
  registerTestVariants();
  [noise, l1, gauss].forEach(registerVariant);
});
afterAll(() => {
  unregisterTestVariants();
  ['test-noise', 'test-l1', 'test-gauss'].forEach(unregisterVariant);
});

describe('variant registry and composition', () => {
  it('registers, lists and finds variants', () => {
    expect(getVariant('test-dense')).toBe(testDense);
    expect(listVariants().map((v) => v.name)).toEqual(expect.arrayContaining(['test-dense', 'test-noise', 'test-l1', 'test-gauss']));
    expect(() => getVariant('nope')).toThrow(/unknown variant "nope"; registered: .*test-dense/);
  });
  it('keeps the registry on a global symbol', () => {
    const store = (globalThis as unknown as Record<symbol, Map<string, unknown>>)[Symbol.for('hourglass.variantRegistry')];
    expect(store.get('test-dense')).toBe(testDense);
  });
  it('accepts the same version twice and rejects a different one', () => {
    expect(() => registerVariant({ ...testDense })).not.toThrow();
    expect(() => registerVariant({ ...testDense, version: '2.0.0' })).toThrow(/already registered at version 1.0.0/);
  });
  it('checks a definition has what its role needs', () => {
    expect(() => defineVariant({ name: 'x', version: '1', role: 'corruption', description: '', options: s.object({}) } as never)).toThrow(/must define corrupt\(\)/);
    expect(() => defineVariant({ ...noise, name: 'Bad Name' })).toThrow(/lower-case/);
  });
  it('enforces the composition rules', () => {
    expect(() => composeVariants([{ name: 'test-noise' }])).toThrow(/no architecture/);
    expect(() => composeVariants([{ name: 'test-dense' }, { name: 'test-dense' }])).toThrow(/listed twice/);
    const other = { ...testDense, name: 'test-dense-2' };
    registerVariant(other);
    expect(() => composeVariants([{ name: 'test-dense' }, { name: 'test-dense-2' }])).toThrow(/exactly one architecture, got "test-dense" and "test-dense-2"/);
    unregisterVariant('test-dense-2');
    const gauss2 = { ...gauss, name: 'test-gauss-2' };
    registerVariant(gauss2);
    expect(() => composeVariants([{ name: 'test-dense' }, { name: 'test-gauss' }, { name: 'test-gauss-2' }])).toThrow(/at most one latent/);
    unregisterVariant('test-gauss-2');
  });
  it('validates each configuration by name', () => {
    expect(() => composeVariants([{ name: 'test-dense', config: { latent: -1 } }])).toThrow('variant "test-dense".latent: expected an integer >= 1, got -1');
    expect(() => composeVariants([{ name: 'test-dense' }, { name: 'test-noise', config: { sd: 1 } }])).toThrow(/variant "test-noise": unknown option "sd"; allowed: std/);
  });
});

describe('Autoencoder', () => {
  it('builds encoder and decoder and stores parsed configs', () => {
    const m = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed: 1 });
    expect(m.codeShape).toEqual([2]);
    expect(m.recipe.variants[0].config).toEqual({ latent: 2, hidden: 8, loss: 'bce' });
    expect(m.parameterCount).toBe(6 * 8 + 8 + 8 * 2 + 2 + 2 * 8 + 8 + 8 * 6 + 6);
    m.dispose();
  });
  it('encodes, decodes, reconstructs and scores with the right shapes', () => {
    const m = Autoencoder.create({ inputShape: [2, 3, 1], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed: 1 });
    tf.tidy(() => {
      const x = tf.randomUniform([5, 2, 3, 1], 0, 1, 'float32', 1);
      expect(m.encode(x).shape).toEqual([5, 2]);
      const r = m.reconstruct(x);
      expect(r.shape).toEqual([5, 2, 3, 1]);
      expect(Math.min(...values(r))).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values(r))).toBeLessThanOrEqual(1);
      expect(values(m.decode(m.encode(x)))).toEqual(values(r));
      expect(m.score(x).shape).toEqual([5]);
    });
    expect(() => m.encode(tf.zeros([5, 6]))).toThrow(ShapeError);
    expect(() => m.encode(tf.zeros([5, 6]))).toThrow('encode: expected a batch of shape [n, 2, 3, 1], got [5, 6]');
    m.dispose();
  });
  it('composes corruption, latent and regularizer terms in one step', () => {
    const m = Autoencoder.create({
      inputShape: [6],
      variants: [{ name: 'test-dense' }, { name: 'test-noise' }, { name: 'test-gauss' }, { name: 'test-l1', config: { weight: 0.5 } }],
      seed: 2,
    });
    tf.tidy(() => {
      const x = tf.randomUniform([4, 6], 0, 1, 'float32', 1);
      const r = m.step(x, { seed: 3 });
      expect(Object.keys(r.terms).sort()).toEqual(['kl', 'l1', 'reconstruction']);
      const sum = Object.values(r.terms).reduce((a, t) => a + t.dataSync()[0], 0);
      expect(r.loss.dataSync()[0]).toBeCloseTo(sum, 5);
      expect(values(m.step(x, { seed: 3 }).loss)).toEqual(values(r.loss));
      expect(values(m.step(x, { seed: 4 }).loss)).not.toEqual(values(r.loss));
      // Evaluation is deterministic: no noise, no sampling.
      expect(values(m.score(x))).toEqual(values(m.score(x)));
      expect(m.canGenerate).toBe(true);
      expect(m.generate(3, 1).shape).toEqual([3, 6]);
    });
    m.dispose();
  });
  it('refuses to generate without a prior', () => {
    const m = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense' }] });
    expect(m.canGenerate).toBe(false);
    expect(() => m.generate(2, 0)).toThrow(/cannot generate.*add a generative latent/);
    m.dispose();
  });
  it('builds from a composition made beforehand, as from the recipe alone, and refuses one of other variants', () => {
    const variants = [{ name: 'test-dense', config: { latent: 2 } }, { name: 'test-gauss' }];
    const composition = composeVariants(variants);
    const a = Autoencoder.create({ inputShape: [6], variants, seed: 3 }, { composition });
    const b = Autoencoder.create({ inputShape: [6], variants, seed: 3 });
    expect(a.composition).toBe(composition);
    expect(a.recipe).toEqual(b.recipe);
    a.weights.forEach((w, i) => expect(values(w.variable)).toEqual(values(b.weights[i].variable)));
    a.dispose();
    b.dispose();
    const before = tf.memory().numTensors;
    expect(() => Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense' }] }, { composition })).toThrow(
      /composition holds variants \[test-dense, test-gauss\] but the recipe lists \[test-dense\]/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
  it('builds the same weights from the same seed', () => {
    const a = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense' }], seed: 9 });
    const b = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense' }], seed: 9 });
    const c = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense' }], seed: 10 });
    a.weights.forEach((w, i) => expect(values(w.variable)).toEqual(values(b.weights[i].variable)));
    expect(values(a.weights[0].variable)).not.toEqual(values(c.weights[0].variable));
    [a, b, c].forEach((m) => m.dispose());
  });
  it('rejects a bad input shape', () => {
    expect(() => Autoencoder.create({ inputShape: [0], variants: [{ name: 'test-dense' }] })).toThrow(ConfigError);
  });
  it('leaks nothing across inference calls', async () => {
    const m = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense' }, { name: 'test-gauss' }] });
    const x = tf.ones([3, 6]);
    const code = tf.zeros([1, 2]);
    await expectNoLeak(() => {
      for (let i = 0; i < 3; i++) {
        m.encode(x).dispose();
        m.reconstruct(x).dispose();
        m.score(x).dispose();
        m.generate(2, i).dispose();
        m.decode(code).dispose();
      }
    });
    m.dispose();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, Autoencoder, ConfigError, ShapeError, composeVariants, defineVariant, registerVariant, repair, s, unregisterVariant } from '../src/index.js';
import { expectNoLeak, registerTestVariants, unregisterTestVariants, values } from './helpers.js';

/** Adds a constant, or noise of a seeded spread: easy to follow through a composition. */
const shift = defineVariant({
  name: 'test-shift',
  version: '1.0.0',
  role: 'corruption',
  description: 'adds a constant and seeded noise',
  options: s.object({ by: s.number({ default: 1 }), std: s.number({ min: 0, default: 0 }) }),
  corrupt: (c, x, { seed }) => tf.add(tf.add(x, c.by), tf.randomNormal(x.shape, 0, c.std, 'float32', seed)),
});

beforeAll(() => {
  registerTestVariants();
  registerVariant(shift);
});
afterAll(() => {
  unregisterTestVariants();
  unregisterVariant('test-shift');
});

const model = (variants: Array<{ name: string; config?: Record<string, unknown> }>) =>
  Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense', config: { latent: 2 } }, ...variants], seed: 1 });

describe('corruptions listed more than once', () => {
  it('compose in order, each with its own configuration', () => {
    const c = composeVariants([{ name: 'test-dense' }, { name: 'test-shift', config: { by: 2 } }, { name: 'test-shift', config: { by: 3 } }]);
    expect(c.corruptions.map((r) => r.config.by)).toEqual([2, 3]);
    const m = model([{ name: 'test-shift', config: { by: 2 } }, { name: 'test-shift', config: { by: 3 } }]);
    expect(m.variantNames).toEqual(['test-dense', 'test-shift', 'test-shift']);
    tf.tidy(() => {
      expect(values(m.corrupt(tf.zeros([2, 6]), 1))).toEqual(new Array(12).fill(5));
    });
    m.dispose();
  });
  it('are the only variants that may repeat', () => {
    expect(() => composeVariants([{ name: 'test-dense' }, { name: 'test-dense' }])).toThrow(
      'variant "test-dense" is listed twice; only corruption variants may repeat (it is an architecture)',
    );
  });
});

describe('model.corrupt', () => {
  it('is a copy of the input for a model without corruptions', async () => {
    const m = model([]);
    const x = tf.randomUniform([3, 6], 0, 1, 'float32', 2);
    await expectNoLeak(() => {
      const y = m.corrupt(x, 4);
      expect(y).not.toBe(x);
      expect(values(y)).toEqual(values(x));
      y.dispose();
    });
    x.dispose();
    m.dispose();
  });
  it('is seeded: the same seed gives the same damage, another seed another', () => {
    const m = model([{ name: 'test-shift', config: { by: 0, std: 0.5 } }, { name: 'test-shift', config: { by: 0, std: 0.5 } }]);
    tf.tidy(() => {
      const x = tf.zeros([2, 6]);
      expect(values(m.corrupt(x, 7))).toEqual(values(m.corrupt(x, 7)));
      expect(values(m.corrupt(x, 7))).not.toEqual(values(m.corrupt(x, 8)));
      expect(() => m.corrupt(tf.zeros([2, 5]), 1)).toThrow('corrupt: expected a batch of shape [n, 6], got [2, 5]');
    });
    m.dispose();
  });
});

describe('repair', () => {
  it('without a mask is one reconstruction', () => {
    const m = model([]);
    tf.tidy(() => {
      const x = tf.randomUniform([4, 6], 0, 1, 'float32', 3);
      expect(values(repair(m, x))).toEqual(values(m.reconstruct(x)));
    });
    m.dispose();
  });
  it('keeps the known entries exactly and fills the missing ones from the model', () => {
    const m = model([]);
    tf.tidy(() => {
      const x = tf.randomUniform([4, 6], 0, 1, 'float32', 3);
      const mask = tf.tensor2d([1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1], [4, 6]);
      const out = values(repair(m, x, { mask, iterations: 3 }));
      const [xv, mv] = [values(x), values(mask)];
      // By hand: start from the known entries with zeros in the holes, reconstruct, put the known back, three times.
      let cur = tf.mul(x, mask);
      for (let i = 0; i < 3; i++) cur = tf.add(tf.mul(x, mask), tf.mul(m.reconstruct(cur), tf.sub(1, mask)));
      const expected = values(cur);
      for (let i = 0; i < xv.length; i++) {
        if (mv[i] === 1) expect(out[i]).toBe(xv[i]);
        else expect(out[i]).toBeCloseTo(expected[i], 6);
      }
      // One round fills the holes with the reconstruction of the zero-filled input.
      const once = values(repair(m, x, { mask, iterations: 1 }));
      const first = values(m.reconstruct(tf.mul(x, mask)));
      for (let i = 0; i < xv.length; i++) if (mv[i] === 0) expect(once[i]).toBeCloseTo(first[i], 6);
    });
    m.dispose();
  });
  it('passes a conditional model its classes on every reconstruction', () => {
    const m = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense', config: { latent: 2 } }], condition: { classes: 3 }, seed: 1 });
    tf.tidy(() => {
      const x = tf.randomUniform([2, 6], 0, 1, 'float32', 3);
      const condition = tf.tensor1d([0, 2], 'int32');
      const mask = tf.tensor2d([1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1], [2, 6]);
      expect(values(repair(m, x, { condition }))).toEqual(values(m.reconstruct(x, condition)));
      const kept = tf.mul(x, mask);
      const once = values(repair(m, x, { mask, iterations: 1, condition }));
      const first = values(m.reconstruct(kept, condition));
      values(mask).forEach((k, i) => k === 0 && expect(once[i]).toBeCloseTo(first[i], 6));
      expect(() => repair(m, x, { mask })).toThrow(ConfigError);
    });
    m.dispose();
  });
  it('refuses a mask of another shape and a bad iteration count', () => {
    const m = model([]);
    tf.tidy(() => {
      const x = tf.zeros([2, 6]);
      expect(() => repair(m, x, { mask: tf.ones([2, 5]) })).toThrow(ShapeError);
      expect(() => repair(m, x, { mask: tf.ones([2, 5]) })).toThrow('repair: the mask must have the shape of the batch [2, 6], got [2, 5]');
      expect(() => repair(m, x, { mask: tf.ones([2, 6]), iterations: 0 })).toThrow(ConfigError);
    });
    m.dispose();
  });
  it('leaks nothing', async () => {
    const m = model([{ name: 'test-shift' }]);
    const x = tf.randomUniform([3, 6], 0, 1, 'float32', 5);
    const mask = tf.tensor2d([1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0], [3, 6]);
    await expectNoLeak(() => {
      repair(m, x, { mask, iterations: 4 }).dispose();
      repair(m, x).dispose();
      m.corrupt(x, 1).dispose();
    });
    tf.dispose([x, mask]);
    m.dispose();
  });
});

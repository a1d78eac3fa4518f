import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, Autoencoder, ConfigError, defineVariant, diffusionFill, loadModel, memoryStore, registerVariant, repair, s, saveModel, unregisterVariant } from '../src/index.js';
import { expectNoLeak, registerTestVariants, testGauss, unregisterTestVariants, values } from './helpers.js';

/** Adds 1 to every entry; holes it is told of are filled by diffusion (a corruption with a `fill`). */
const plusOne = defineVariant({
  name: 'test-plus-one',
  version: '1.0.0',
  role: 'corruption',
  description: 'adds 1; fills holes by diffusion',
  options: s.object({}),
  corrupt: (_c, x) => tf.add(x, 1),
  fill: (_c, x, known) => diffusionFill(x, known),
});

beforeAll(() => {
  registerTestVariants();
  registerVariant(plusOne);
  registerVariant(testGauss);
});
afterAll(() => {
  unregisterTestVariants();
  unregisterVariant('test-plus-one');
  unregisterVariant('test-gauss');
});

/** A residual test-dense model on [5, 5, 1] images whose decoder weights are all 0: its correction is 0. */
function zeroCorrection(loss: 'bce' | 'mse', corruptions: Array<{ name: string }> = []): Autoencoder {
  const m = Autoencoder.create({ inputShape: [5, 5, 1], variants: [{ name: 'test-dense', config: { loss } }, ...corruptions], seed: 3, residual: true });
  for (const w of m.weights) if (w.name.startsWith('decoder/')) w.variable.assign(tf.zerosLike(w.variable));
  return m;
}

describe('residual models', () => {
  it('output their input when the correction is 0: itself (MSE), through logits clamped to [1e-4, 1 - 1e-4] (BCE)', () => {
    const mse = zeroCorrection('mse');
    const bce = zeroCorrection('bce');
    tf.tidy(() => {
      const x = tf.randomUniform([3, 5, 5, 1], 0, 1, 'float32', 4);
      expect(values(mse.reconstruct(x))).toEqual(values(x));
      expect(values(mse.score(x))).toEqual([0, 0, 0]);
      const out = values(bce.reconstruct(x));
      values(x).forEach((v, i) => expect(out[i]).toBeCloseTo(Math.min(Math.max(v, 1e-4), 1 - 1e-4), 5));
    });
    [mse, bce].forEach((m) => m.dispose());
  });

  it('correct the corrupted input in training: a +1 corruption costs exactly 1 (MSE) when the correction is 0', () => {
    const m = zeroCorrection('mse', [{ name: 'test-plus-one' }]);
    tf.tidy(() => {
      const x = tf.randomUniform([4, 5, 5, 1], 0, 1, 'float32', 5);
      expect(m.step(x, { seed: 1 }).terms.reconstruction.dataSync()[0]).toBeCloseTo(1, 5);
    });
    m.dispose();
  });

  it('differ from the plain model, learn, and keep residual through save and load', async () => {
    const plain = Autoencoder.create({ inputShape: [5, 5, 1], variants: [{ name: 'test-dense' }], seed: 3 });
    const m = Autoencoder.create({ inputShape: [5, 5, 1], variants: [{ name: 'test-dense' }], seed: 3, residual: true });
    expect(plain.recipe).not.toHaveProperty('residual');
    expect(m.recipe.residual).toBe(true);
    const x = tf.randomUniform([4, 5, 5, 1], 0, 1, 'float32', 6);
    expect(values(m.reconstruct(x))).not.toEqual(values(plain.reconstruct(x)));
    const store = memoryStore();
    await saveModel(m, store);
    const loaded = await loadModel(store);
    expect(loaded.recipe.residual).toBe(true);
    expect(values(loaded.reconstruct(x))).toEqual(values(m.reconstruct(x)));
    [plain, m, loaded, x].forEach((t) => t.dispose());
  });

  it('are refused where an output needs no input: a generative latent, a predict-only target, decode; and residual must be a boolean', () => {
    const dense = { name: 'test-dense' };
    expect(() => Autoencoder.create({ inputShape: [6], variants: [dense, { name: 'test-gauss' }], residual: true })).toThrow(ConfigError);
    expect(() => Autoencoder.create({ inputShape: [6], variants: [dense, { name: 'test-gauss' }], residual: true })).toThrow(
      /residual: the "test-gauss" latent generates from codes alone, but a residual model's output needs its input/,
    );
    expect(() => Autoencoder.create({ inputShape: [4, 2], variants: [dense], target: { shape: [2, 2], objective: 'predict' }, residual: true })).toThrow(/a 'predict' model has no reconstruction/);
    expect(() => Autoencoder.create({ inputShape: [6], variants: [dense], residual: 'yes' as unknown as boolean })).toThrow(/residual: expected true or false, got "yes"/);
    const m = Autoencoder.create({ inputShape: [6], variants: [dense], residual: true });
    expect(() => m.decode(tf.zeros([1, 3]))).toThrow(/this model is residual/);
    m.dispose();
  });

  it('repair masked inputs from the corruption\'s fill: with a 0 correction, holes hold the diffusion fill', () => {
    const m = zeroCorrection('mse', [{ name: 'test-plus-one' }]);
    tf.tidy(() => {
      const x = tf.randomUniform([2, 5, 5, 1], 0, 1, 'float32', 7);
      const known = tf.cast(tf.greater(tf.randomUniform([2, 5, 5, 1], 0, 1, 'float32', 8), 0.4), 'float32');
      const out = values(repair(m, x, { mask: known, iterations: 1 }));
      const expected = values(diffusionFill(x, known));
      out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    });
    m.dispose();
  });

  it('leak nothing in training, reconstruction and scoring', async () => {
    const m = Autoencoder.create({ inputShape: [5, 5, 1], variants: [{ name: 'test-dense' }, { name: 'test-plus-one' }], seed: 3, residual: true });
    const x = tf.randomUniform([4, 5, 5, 1], 0, 1, 'float32', 9);
    await expectNoLeak(() => {
      tf.tidy(() => m.step(x, { seed: 2 }).loss).dispose();
      m.reconstruct(x).dispose();
      m.score(x).dispose();
    });
    [m, x].forEach((t) => t.dispose());
  });
});

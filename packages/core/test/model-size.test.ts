import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, Autoencoder, ConfigError, DEFAULT_MAX_PARAMETERS, createRng, recipeSize, registerVariant, unregisterVariant, buildStack } from '../src/index.js';
import { disposeOnThrow } from '../src/layers/weight-scope.js';
import { badDecoder, registerTestVariants, unregisterTestVariants } from './helpers.js';

beforeAll(() => {
  registerTestVariants();
  registerVariant(badDecoder);
});
afterAll(() => {
  unregisterTestVariants();
  unregisterVariant('test-bad-decoder');
});

const dense = (config: Record<string, unknown>, inputShape = [6]) => ({ inputShape, variants: [{ name: 'test-dense', config }], seed: 1 });

describe('recipeSize', () => {
  it('gives the exact parameters, bytes and weight shapes of the built model, allocating nothing', () => {
    const before = tf.memory().numTensors;
    const size = recipeSize(dense({ latent: 2 }));
    expect(tf.memory().numTensors).toBe(before);
    expect(size.parameters).toBe(6 * 8 + 8 + 8 * 2 + 2 + 2 * 8 + 8 + 8 * 6 + 6);
    expect(size.bytes).toBe(size.parameters * 4);
    const m = Autoencoder.create(dense({ latent: 2 }));
    expect(size.parameters).toBe(m.parameterCount);
    expect(size.weights).toEqual(m.weights.map((w) => ({ name: w.name, shape: w.variable.shape })));
    m.dispose();
  });
  it('sizes a recipe far larger than memory at once (a 2,000,000-column input)', () => {
    const started = performance.now();
    const size = recipeSize(dense({ latent: 32, hidden: 128 }, [2_000_000]));
    expect(size.parameters).toBe(2_000_000 * 128 + 128 + 128 * 32 + 32 + 32 * 128 + 128 + 128 * 2_000_000 + 2_000_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
  it('throws the ConfigError create would, for a recipe that cannot be built', () => {
    expect(() => recipeSize({ inputShape: [6], variants: [{ name: 'test-bad-decoder' }] })).toThrow(/decoder output \[5\] does not match the input shape \[6\]/);
  });
});

describe('Autoencoder.create limits and failures', () => {
  it('refuses a model over maxParameters before allocating, naming the figures and the option', () => {
    const before = tf.memory().numTensors;
    const err = (() => {
      try {
        Autoencoder.create(dense({ hidden: 1000 }), { maxParameters: 10_000 });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toMatch(/the model would have 20,009 parameters \(78\.2 KiB of float32 weights.*more than the limit of 10,000; use fewer input features or narrower layers, or raise maxParameters if the memory is there$/);
    expect(tf.memory().numTensors).toBe(before);
    const m = Autoencoder.create(dense({ hidden: 1000 }), { maxParameters: 20_009 });
    expect(m.parameterCount).toBe(20_009);
    m.dispose();
  });
  it('refuses by default the 514M-parameter model a CSV of 2,000,000 columns asks for, and --hidden 100000000', () => {
    expect(DEFAULT_MAX_PARAMETERS).toBe(250_000_000);
    const before = tf.memory().numTensors;
    expect(() => Autoencoder.create(dense({ latent: 32, hidden: 128 }, [2_000_000]))).toThrow(/514,008,480 parameters \(1\.9 GiB.*limit of 250,000,000;.*raise maxParameters/);
    expect(() => Autoencoder.create(dense({ hidden: 100_000_000 }, [784]))).toThrow(/157,600,000,787 parameters.*raise maxParameters/);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('leaks no tensors when the build fails after layers were made', () => {
    const before = tf.memory().numTensors;
    expect(() => Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-bad-decoder', config: { hidden: 64 } }] })).toThrow(ConfigError);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('disposeOnThrow releases the weights a failing build made', () => {
    const before = tf.memory().numTensors;
    expect(() =>
      disposeOnThrow(() => {
        buildStack('encoder', [{ type: 'dense', units: 4 }, { type: 'dense', units: 3 }], [5], createRng(0));
        throw new Error('out of memory');
      }),
    ).toThrow('out of memory');
    expect(tf.memory().numTensors).toBe(before);
  });
});

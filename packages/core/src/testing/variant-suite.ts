/**
 * The variant contract suite: every variant package runs it against its own
 * plug-in. It checks the promises core relies on: the variant builds inside
 * a model, a few training steps lower the loss, a saved model reloads to
 * identical outputs, nothing leaks, and bad configurations are rejected by
 * name.
 */
import { describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { Autoencoder } from '../model/autoencoder.js';
import { loadModel, saveModel } from '../model/save.js';
import { memoryStore } from '../model/store.js';
import { train } from '../train/trainer.js';
import { ConfigError } from '../errors.js';
import { createRng } from '../rng.js';
import { sizeOf } from '../shape.js';
import { registerVariant } from '../variant/registry.js';
import type { VariantChoice, VariantDefinition } from '../variant/contract.js';

/** What the suite needs to know about a variant. */
export interface VariantSuiteOptions {
  /** The variant definition under test (registered by the suite). */
  variant: VariantDefinition<any, any>;
  /** Configuration used for the model under test. */
  config?: Record<string, unknown>;
  /** Other variants to compose with (a non-architecture variant needs an architecture). Must be registered. */
  with?: VariantChoice[];
  /** Per-sample input shape; default [16]. */
  inputShape?: number[];
  /** Configurations that must be rejected, with a pattern the error message must match. */
  badConfigs?: Array<{ config: Record<string, unknown>; message: RegExp | string }>;
  /** Training steps for the falling-loss check; default 12 epochs of 4 batches. */
  epochs?: number;
  learningRate?: number;
}

/** Smooth data in [0, 1] with low-dimensional structure, so any autoencoder can learn it. */
export function suiteData(n: number, inputShape: number[], seed = 1): { x: Float32Array; n: number; sampleShape: number[] } {
  const per = sizeOf(inputShape);
  const rng = createRng(seed);
  const x = new Float32Array(n * per);
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 3;
    const b = rng.next() * 3;
    for (let j = 0; j < per; j++) x[i * per + j] = 0.5 + 0.45 * Math.sin(a * (j / per) * 6 + b);
  }
  return { x, n, sampleShape: [...inputShape] };
}

/**
 * Declares the contract tests for a variant (call it at the top level of a vitest file).
 *
 * @example
 * import { variantContractSuite } from '@hourglass/core/testing';
 * variantContractSuite({ variant: undercomplete, config: { latent: 4, hidden: [12] } });
 */
export function variantContractSuite(opts: VariantSuiteOptions): void {
  const inputShape = opts.inputShape ?? [16];
  const recipe = (config = opts.config) => {
    const own: VariantChoice = { name: opts.variant.name, config };
    const variants = opts.variant.role === 'architecture' ? [own, ...(opts.with ?? [])] : [...(opts.with ?? []), own];
    return { inputShape, variants, seed: 7 };
  };
  describe(`variant contract: ${opts.variant.name}`, () => {
    registerVariant(opts.variant);

    it('has a name, version, role, description and options schema', () => {
      expect(opts.variant.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(opts.variant.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(['architecture', 'latent', 'corruption', 'regularizer']).toContain(opts.variant.role);
      expect(opts.variant.description.length).toBeGreaterThan(0);
      expect(() => opts.variant.options.parse({}, 'defaults')).not.toThrow();
    });

    it('builds a model whose output matches the input shape', () => {
      const m = Autoencoder.create(recipe());
      tf.tidy(() => {
        const x = tf.tensor(suiteData(3, inputShape).x, [3, ...inputShape]);
        expect(m.reconstruct(x).shape).toEqual([3, ...inputShape]);
        expect(m.score(x).shape).toEqual([3]);
        expect(m.encode(x).shape).toEqual([3, ...m.codeShape]);
      });
      m.dispose();
    });

    it('lowers the loss within a few epochs', async () => {
      const m = Autoencoder.create(recipe());
      const r = await train(m, suiteData(64, inputShape), { epochs: opts.epochs ?? 12, batchSize: 16, seed: 1, optimizer: { learningRate: opts.learningRate ?? 0.01 } });
      expect(r.stopReason).toBe('completed');
      const first = r.history[0].terms.reconstruction;
      const last = r.history[r.history.length - 1].terms.reconstruction;
      expect(last).toBeLessThan(first);
      m.dispose();
    });

    it('saves and reloads to identical outputs', async () => {
      const m = Autoencoder.create(recipe());
      await train(m, suiteData(32, inputShape), { epochs: 1, batchSize: 16 });
      const store = memoryStore();
      await saveModel(m, store);
      const loaded = await loadModel(store);
      expect(loaded.variantNames).toEqual(m.variantNames);
      tf.tidy(() => {
        const x = tf.tensor(suiteData(4, inputShape, 2).x, [4, ...inputShape]);
        expect(Array.from(loaded.reconstruct(x).dataSync())).toEqual(Array.from(m.reconstruct(x).dataSync()));
        expect(Array.from(loaded.encode(x).dataSync())).toEqual(Array.from(m.encode(x).dataSync()));
      });
      m.dispose();
      loaded.dispose();
    });

    it('leaks no tensors in training or inference', async () => {
      const m = Autoencoder.create(recipe());
      const data = suiteData(32, inputShape);
      await train(m, data, { epochs: 1, batchSize: 16 });
      const before = tf.memory().numTensors;
      await train(m, data, { epochs: 2, batchSize: 16, validationSplit: 0.25 });
      const x = tf.tensor(data.x.slice(0, data.x.length / 8), [4, ...inputShape]);
      m.encode(x).dispose();
      m.reconstruct(x).dispose();
      m.score(x).dispose();
      x.dispose();
      expect(tf.memory().numTensors).toBe(before);
      m.dispose();
    });

    it('is deterministic for a seed', async () => {
      const run = async () => {
        const m = Autoencoder.create(recipe());
        const r = await train(m, suiteData(32, inputShape), { epochs: 2, batchSize: 16, seed: 3 });
        m.dispose();
        return r.history.map((h) => h.loss);
      };
      expect(await run()).toEqual(await run());
    });

    it('rejects unknown options by name', () => {
      expect(() => Autoencoder.create(recipe({ ...opts.config, notAnOption: 1 }))).toThrow(ConfigError);
      expect(() => Autoencoder.create(recipe({ ...opts.config, notAnOption: 1 }))).toThrow(/unknown option "notAnOption"/);
    });

    for (const bad of opts.badConfigs ?? [])
      it(`rejects ${JSON.stringify(bad.config)}`, () => {
        expect(() => Autoencoder.create(recipe({ ...opts.config, ...bad.config }))).toThrow(bad.message);
      });
  });
}

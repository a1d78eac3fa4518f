/**
 * The variant contract suite: every variant package runs it against its own
 * plug-in. It checks the promises core relies on: the variant builds inside
 * a model, a few training steps lower the loss, a saved model reloads to
 * identical outputs, nothing leaks, bad configurations are rejected by
 * name, and the plug-in does what its role promises (`role-checks.ts`; an
 * architecture also builds, trains and reloads with a target, `target-checks.ts`;
 * architectures and latents do the same in a model conditioned on a label, `condition-checks.ts`).
 *
 * The checks are plain functions (`variantContractChecks`), so that a test
 * can run them on a plug-in that must FAIL them; `variantContractSuite`
 * declares each as a vitest test.
 */
import { describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { Autoencoder } from '../model/autoencoder.js';
import { loadModel, saveModel } from '../model/save.js';
import { memoryStore } from '../model/store.js';
import { train } from '../train/trainer.js';
import { ConfigError } from '../errors.js';
import { registerVariant } from '../variant/registry.js';
import type { VariantChoice, VariantDefinition } from '../variant/contract.js';
import { suiteData } from './suite-data.js';
import { roleChecks, type ContractCheck, type RoleOptOuts } from './role-checks.js';
import { targetChecks } from './target-checks.js';
import { conditionChecks } from './condition-checks.js';

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
  /** Role checks this plug-in legitimately fails (say why in a comment beside it). */
  roleOptOuts?: RoleOptOuts;
  /** An architecture's target shape for the checks of a model with a target (default: the input shape). */
  targetShape?: number[];
}

/**
 * The contract checks of a variant, as plain functions: each `run` throws
 * when the plug-in breaks the contract. Registers the variant.
 *
 * @example
 * const failed = [];
 * for (const c of variantContractChecks({ variant: myCorruption, with: [{ name: 'undercomplete' }] }))
 *   await Promise.resolve(c.run()).catch(() => failed.push(c.name));
 */
export function variantContractChecks(opts: VariantSuiteOptions): ContractCheck[] {
  const inputShape = opts.inputShape ?? [16];
  const recipe = (config = opts.config) => {
    const own: VariantChoice = { name: opts.variant.name, config };
    const variants = opts.variant.role === 'architecture' ? [own, ...(opts.with ?? [])] : [...(opts.with ?? []), own];
    return { inputShape, variants, seed: 7 };
  };
  registerVariant(opts.variant);
  const checks: ContractCheck[] = [];
  const check = (name: string, run: ContractCheck['run']) => checks.push({ name, run });

  check('has a name, version, role, description and options schema', () => {
    expect(opts.variant.name).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(opts.variant.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(['architecture', 'latent', 'corruption', 'regularizer']).toContain(opts.variant.role);
    expect(opts.variant.description.length).toBeGreaterThan(0);
    expect(() => opts.variant.options.parse({}, 'defaults')).not.toThrow();
  });

  check('builds a model whose output matches the input shape', () => {
    const m = Autoencoder.create(recipe());
    tf.tidy(() => {
      const x = tf.tensor(suiteData(3, inputShape).x, [3, ...inputShape]);
      expect(m.reconstruct(x).shape).toEqual([3, ...inputShape]);
      expect(m.score(x).shape).toEqual([3]);
      expect(m.encode(x).shape).toEqual([3, ...m.codeShape]);
    });
    m.dispose();
  });

  check('lowers the loss within a few epochs', async () => {
    const m = Autoencoder.create(recipe());
    const r = await train(m, suiteData(64, inputShape), { epochs: opts.epochs ?? 12, batchSize: 16, seed: 1, optimizer: { learningRate: opts.learningRate ?? 0.01 } });
    expect(r.stopReason).toBe('completed');
    const first = r.history[0].terms.reconstruction;
    const last = r.history[r.history.length - 1].terms.reconstruction;
    expect(last).toBeLessThan(first);
    m.dispose();
  });

  check('saves and reloads to identical outputs', async () => {
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

  check('leaks no tensors in training or inference', async () => {
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

  check('is deterministic for a seed', async () => {
    const run = async () => {
      const m = Autoencoder.create(recipe());
      const r = await train(m, suiteData(32, inputShape), { epochs: 2, batchSize: 16, seed: 3 });
      m.dispose();
      return r.history.map((h) => h.loss);
    };
    expect(await run()).toEqual(await run());
  });

  check('rejects unknown options by name', () => {
    expect(() => Autoencoder.create(recipe({ ...opts.config, notAnOption: 1 }))).toThrow(ConfigError);
    expect(() => Autoencoder.create(recipe({ ...opts.config, notAnOption: 1 }))).toThrow(/unknown option "notAnOption"/);
  });

  for (const bad of opts.badConfigs ?? [])
    check(`rejects ${JSON.stringify(bad.config)}`, () => {
      expect(() => Autoencoder.create(recipe({ ...opts.config, ...bad.config }))).toThrow(bad.message);
    });

  checks.push(...roleChecks(opts.variant, () => recipe(), opts.roleOptOuts));
  if (opts.variant.role === 'architecture') checks.push(...targetChecks(() => recipe(), opts.targetShape ?? inputShape));
  if (opts.variant.role === 'architecture' || opts.variant.role === 'latent') checks.push(...conditionChecks(() => recipe()));
  return checks;
}

/**
 * Declares the contract tests for a variant (call it at the top level of a vitest file).
 *
 * @example
 * import { variantContractSuite } from '@hourglass/core/testing';
 * variantContractSuite({ variant: undercomplete, config: { latent: 4, hidden: [12] } });
 */
export function variantContractSuite(opts: VariantSuiteOptions): void {
  describe(`variant contract: ${opts.variant.name}`, () => {
    for (const c of variantContractChecks(opts)) it(c.name, c.run);
  });
}

/**
 * The variant contract suite must reject plug-ins that only look right: a
 * corruption that returns a copy of its input and a regularizer whose terms
 * are zeros build, train and save like real ones. Its role checks catch
 * them, and plug-ins built from core's own corruption and penalty ops pass
 * (the variant packages run the same suite on the real variants).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { defineVariant, gaussianNoise, l1Activity, s, tf, unregisterVariant, type VariantDefinition } from '../src/index.js';
import { variantContractChecks, type RoleOptOuts } from '../src/testing/index.js';
import { registerTestVariants, unregisterTestVariants } from './helpers.js';

registerTestVariants();
afterAll(() => {
  unregisterTestVariants();
  ['fake-copy', 'fake-zeros', 'fake-constant', 'fake-mutating', 'real-noise', 'real-l1', 'real-blur'].forEach(unregisterVariant);
});

const arch = { name: 'test-dense', config: { latent: 3, hidden: 8 } };
const options = s.object({ weight: s.number({ min: 0, default: 0.01 }) });
const info = (name: string, role: 'corruption' | 'regularizer') => ({ name, version: '1.0.0', role, description: name, options });

const fakeCopy = defineVariant({ ...info('fake-copy', 'corruption'), corrupt: (_c, x) => tf.clone(x) });
const fakeZeros = defineVariant({ ...info('fake-zeros', 'regularizer'), terms: (_c, step) => ({ zeros: tf.zeros([step.x.shape[0]]) }) });
const fakeConstant = defineVariant({ ...info('fake-constant', 'regularizer'), terms: (c, step) => ({ constant: tf.fill([step.x.shape[0]], c.weight) }) });
const fakeMutating = defineVariant({
  ...info('fake-mutating', 'corruption'),
  corrupt: (_c, x, { seed }) => {
    (x.dataSync() as Float32Array).fill(seed / 10); // writes into the caller's batch
    return tf.clone(x);
  },
});
const realNoise = defineVariant({ ...info('real-noise', 'corruption'), corrupt: (_c, x, { seed }) => gaussianNoise(x, 0.2, seed, [0, 1]) });
const realL1 = defineVariant({ ...info('real-l1', 'regularizer'), terms: (c, step) => ({ l1: tf.mul(l1Activity(step.code), c.weight) }) });
const realBlur = defineVariant({ ...info('real-blur', 'corruption'), corrupt: (_c, x) => tf.mul(x, 0.9) });

/** Names of the checks `variant` fails. */
async function failures(variant: VariantDefinition<any, any>, roleOptOuts?: RoleOptOuts): Promise<string[]> {
  const failed: string[] = [];
  for (const c of variantContractChecks({ variant, with: [arch], config: {}, roleOptOuts })) {
    try {
      await c.run();
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}

describe('the variant contract suite rejects fake plug-ins', () => {
  it('a corruption that returns a copy of its input', async () => {
    expect(await failures(fakeCopy)).toEqual(['corruption: changes its input for some seed', 'corruption: the same seed gives the same output, another seed another']);
  });
  it('a corruption that writes into its input', async () => {
    expect(await failures(fakeMutating)).toContain('corruption: returns a finite tensor of the input shape and leaves the input as it was');
  });
  it('a regularizer whose terms are zeros', async () => {
    expect(await failures(fakeZeros)).toEqual(['regularizer: terms are per sample, finite and not all zero', 'regularizer: terms have a gradient with respect to the weights']);
  });
  it('a regularizer whose terms do not depend on the model', async () => {
    expect(await failures(fakeConstant)).toEqual(['regularizer: terms have a gradient with respect to the weights']);
  });
});

describe('the variant contract suite accepts real plug-ins', () => {
  it('a seeded noise corruption and an L1 penalty pass every check', async () => {
    expect(await failures(realNoise)).toEqual([]);
    expect(await failures(realL1)).toEqual([]);
  });
  it('a corruption without randomness passes once it says so', async () => {
    expect(await failures(realBlur)).toEqual(['corruption: the same seed gives the same output, another seed another']);
    expect(await failures(realBlur, { seedIndependent: true })).toEqual([]);
  });
});

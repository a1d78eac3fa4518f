/**
 * The checks of the variant contract that depend on a plug-in's role. The
 * generic checks (a model builds, trains, saves, reloads) cannot tell a
 * corruption that returns its input, or a regularizer that returns zeros,
 * from a real one: such a plug-in adds nothing to a model and training still
 * works. These checks call the plug-in itself and ask what its role promises:
 *
 * - a corruption returns a finite tensor of the input's shape, leaves its input
 *   as it was, changes it for some seed, gives the same output for the same
 *   seed and another output for another seed;
 * - a regularizer returns per-sample, finite terms that are not all zero and
 *   that have a gradient with respect to the model's weights;
 * - a latent encodes deterministically outside training, and its prior (if
 *   any) has the code's shape and follows its seed.
 *
 * A plug-in that legitimately breaks one of these (a blur uses no seed) says
 * so with `roleOptOuts`.
 */
import { expect } from 'vitest';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { Autoencoder, type ModelRecipe } from '../model/autoencoder.js';
import type { StepView, VariantDefinition } from '../variant/contract.js';
import { suiteData } from './suite-data.js';

/** One named check of the contract; `run` throws when the plug-in breaks it. */
export interface ContractCheck {
  name: string;
  run: () => void | Promise<void>;
}

/** Role checks a plug-in may opt out of, because it legitimately fails them. */
export interface RoleOptOuts {
  /** The corruption may return its input unchanged for every seed (e.g. at a rate of 0). */
  inputUnchanged?: boolean;
  /** The corruption uses no randomness, so every seed gives the same output (e.g. a blur). */
  seedIndependent?: boolean;
}

const SEEDS = [1, 2, 3, 4, 5];
const valuesOf = (t: Tensor) => Array.from(t.dataSync());
const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * The role checks of `variant` inside the model built from `recipe` (which
 * contains it), on a batch of four samples.
 *
 * @example
 * for (const check of roleChecks(denoising, recipe)) await check.run();
 */
export function roleChecks(variant: VariantDefinition<any, any>, recipe: () => ModelRecipe, optOuts: RoleOptOuts = {}): ContractCheck[] {
  const batch = () => {
    const r = recipe();
    return tf.tensor(suiteData(4, r.inputShape, 5).x, [4, ...r.inputShape]);
  };
  /** Builds the model, finds the variant's parsed configuration, runs `fn`, and releases everything. */
  const withModel = <T>(fn: (m: Autoencoder, config: any, x: Tensor) => T): T => {
    const m = Autoencoder.create(recipe());
    const x = batch();
    try {
      const c = m.composition;
      const own = [...c.corruptions, ...c.regularizers, ...(c.latent ? [c.latent] : [])].find((r) => r.name === variant.name);
      return fn(m, own?.config ?? variant.options.parse({}, variant.name), x);
    } finally {
      x.dispose();
      m.dispose();
    }
  };
  if (variant.role === 'corruption') return corruptionChecks(variant as VariantDefinition<'corruption', any>, withModel, optOuts);
  if (variant.role === 'regularizer') return regularizerChecks(variant as VariantDefinition<'regularizer', any>, withModel);
  if (variant.role === 'latent') return latentChecks(withModel);
  return [];
}

type WithModel = <T>(fn: (m: Autoencoder, config: any, x: Tensor) => T) => T;

function corruptionChecks(variant: VariantDefinition<'corruption', any>, withModel: WithModel, optOuts: RoleOptOuts): ContractCheck[] {
  const corrupt = (config: unknown, x: Tensor, seed: number) => variant.corrupt(config as never, x, { seed });
  return [
    {
      name: 'corruption: returns a finite tensor of the input shape and leaves the input as it was',
      run: () =>
        withModel((_m, config, x) => {
          const before = valuesOf(x);
          // the model calls corrupt() inside the training step's scope, which releases its intermediates
          tf.tidy(() => {
            const y = corrupt(config, x, 1);
            expect(y.shape, 'shape of the corrupted batch').toEqual(x.shape);
            expect(y.dtype).toBe('float32');
            expect(valuesOf(y).every(Number.isFinite), 'every corrupted value is finite').toBe(true);
          });
          expect(x.isDisposed, 'the input must not be disposed').toBe(false);
          expect(same(valuesOf(x), before), 'the input must not be mutated').toBe(true);
        }),
    },
    ...(optOuts.inputUnchanged
      ? []
      : [
          {
            name: 'corruption: changes its input for some seed',
            run: () =>
              withModel((_m, config, x) => {
                const clean = valuesOf(x);
                const changed = SEEDS.some((seed) => tf.tidy(() => !same(valuesOf(corrupt(config, x, seed)), clean)));
                expect(changed, `corrupt() returned its input unchanged for seeds ${SEEDS.join(', ')}`).toBe(true);
              }),
          },
        ]),
    {
      name: optOuts.seedIndependent ? 'corruption: the same seed gives the same output' : 'corruption: the same seed gives the same output, another seed another',
      run: () =>
        withModel((_m, config, x) =>
          tf.tidy(() => {
            const first = valuesOf(corrupt(config, x, 1));
            expect(same(valuesOf(corrupt(config, x, 1)), first), 'two calls with seed 1 differ').toBe(true);
            if (!optOuts.seedIndependent) {
              const other = SEEDS.slice(1).some((seed) => !same(valuesOf(corrupt(config, x, seed)), first));
              expect(other, 'every seed gives the same output: is the seed used?').toBe(true);
            }
          }),
        ),
    },
  ];
}

/** What `Autoencoder.step` shows a regularizer, for a clean batch in training mode. */
function stepView(m: Autoencoder, x: Tensor, seed: number): StepView {
  let s = seed;
  const nextSeed = () => s++;
  const hidden: Tensor[] = [];
  const features = m.encoder.apply(x, { training: true, nextSeed }, hidden);
  const latent = m.composition.latent;
  const code = latent
    ? latent.plugin.forward(latent.config, { features, heads: m.heads, training: true, nextSeed, inputShape: m.recipe.inputShape }).code
    : features;
  return { x, input: x, features, code, hidden, encoder: m.encoder, nextSeed };
}

function regularizerChecks(variant: VariantDefinition<'regularizer', any>, withModel: WithModel): ContractCheck[] {
  return [
    {
      name: 'regularizer: terms are per sample, finite and not all zero',
      run: () =>
        withModel((m, config, x) =>
          tf.tidy(() => {
            const terms = variant.terms(config as never, stepView(m, x, 1));
            expect(Object.keys(terms).length, 'terms() returned no term').toBeGreaterThan(0);
            let nonZero = false;
            for (const [name, t] of Object.entries(terms)) {
              expect(t.shape, `term "${name}" must have one value per sample`).toEqual([x.shape[0]]);
              const v = valuesOf(t);
              expect(v.every(Number.isFinite), `term "${name}" is finite`).toBe(true);
              nonZero ||= v.some((e) => e !== 0);
            }
            expect(nonZero, 'every term is zero for every sample').toBe(true);
          }),
        ),
    },
    {
      name: 'regularizer: terms have a gradient with respect to the weights',
      run: () =>
        withModel((m, config, x) =>
          tf.tidy(() => {
            const vars = m.weights.map((w) => w.variable);
            const { grads } = tf.variableGrads(() => {
              const t = Object.values(variant.terms(config as never, stepView(m, x, 1)));
              return tf.sum(t.length === 1 ? t[0] : tf.addN(t)) as tf.Scalar;
            }, vars);
            const moved = Object.values(grads).some((g) => valuesOf(g).some((v) => v !== 0));
            expect(moved, 'the terms do not depend on any weight: they cannot steer training').toBe(true);
          }),
        ),
    },
  ];
}

function latentChecks(withModel: WithModel): ContractCheck[] {
  return [
    {
      name: 'latent: encodes deterministically outside training, and its prior follows its seed',
      run: () =>
        withModel((m, _config, x) =>
          tf.tidy(() => {
            expect(same(valuesOf(m.encode(x)), valuesOf(m.encode(x))), 'encode() is not deterministic').toBe(true);
            const latent = m.composition.latent!;
            if (!latent.plugin.prior) return;
            const draw = (seed: number) => latent.plugin.prior!(latent.config, { n: 3, codeShape: m.codeShape, seed });
            expect(draw(1).shape).toEqual([3, ...m.codeShape]);
            expect(same(valuesOf(draw(1)), valuesOf(draw(1))), 'the prior differs for one seed').toBe(true);
            expect(same(valuesOf(draw(1)), valuesOf(draw(2))), 'the prior ignores its seed').toBe(false);
          }),
        ),
    },
  ];
}

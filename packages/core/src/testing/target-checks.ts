/**
 * The contract checks of an architecture with a target: the model built
 * from it with `target` (a 'composite' and a 'predict' one) gets a
 * predictor whose output is the target's shape, from the architecture's own
 * `predictor` or from the default (its decoder built for the target shape);
 * the composite model trains, the prediction term falls, and a saved model
 * reloads to identical predictions, with no tensor left behind.
 */
import { expect } from 'vitest';
import { tf } from '../tf.js';
import { Autoencoder, type ModelRecipe } from '../model/autoencoder.js';
import { loadModel, saveModel } from '../model/save.js';
import { memoryStore } from '../model/store.js';
import { train } from '../train/trainer.js';
import { suiteData } from './suite-data.js';
import type { ContractCheck } from './role-checks.js';

/**
 * The target checks of the architecture in `recipe`, with targets of `targetShape`.
 *
 * @example
 * for (const check of targetChecks(() => recipe, [4, 1])) await check.run();
 */
export function targetChecks(recipe: () => ModelRecipe, targetShape: number[]): ContractCheck[] {
  const withTarget = (objective: 'predict' | 'composite'): ModelRecipe => ({ ...recipe(), target: { shape: targetShape, objective } });
  const data = (n: number, seed: number) => {
    const r = recipe();
    return { ...suiteData(n, r.inputShape, seed), y: suiteData(n, targetShape, seed + 100).x, targetShape: [...targetShape] };
  };
  const batch = (m: Autoencoder, n: number) => tf.tensor(suiteData(n, m.recipe.inputShape, 2).x, [n, ...m.recipe.inputShape]);
  return [
    {
      name: `predicts a target of shape [${targetShape.join(', ')}] ('composite' and 'predict')`,
      run: () => {
        for (const objective of ['composite', 'predict'] as const) {
          const m = Autoencoder.create(withTarget(objective));
          try {
            expect(m.hasPredictor).toBe(true);
            expect(m.predictor!.outputShape).toEqual(targetShape);
            expect(m.decoder === undefined).toBe(objective === 'predict');
            tf.tidy(() => {
              expect(m.predict(batch(m, 3)).shape).toEqual([3, ...targetShape]);
            });
          } finally {
            m.dispose();
          }
        }
      },
    },
    {
      name: 'trains a composite model with a target, saves and reloads it to identical predictions, and leaks nothing',
      run: async () => {
        const m = Autoencoder.create(withTarget('composite'));
        const store = memoryStore();
        try {
          const r = await train(m, data(32, 1), { epochs: 6, batchSize: 16, seed: 1, optimizer: { learningRate: 0.01 } });
          const first = r.history[0].terms.prediction;
          const last = r.history[r.history.length - 1].terms.prediction;
          expect(Number.isFinite(last)).toBe(true);
          expect(last).toBeLessThan(first);
          const before = tf.memory().numTensors;
          await train(m, data(32, 2), { epochs: 1, batchSize: 16, validationSplit: 0.25 });
          tf.tidy(() => {
            const x = batch(m, 4);
            m.predict(x);
            m.score(x);
            m.dataLoss(x, tf.tensor(data(4, 3).y, [4, ...targetShape]));
          });
          expect(tf.memory().numTensors).toBe(before);
          await saveModel(m, store);
          const loaded = await loadModel(store);
          try {
            tf.tidy(() => {
              const x = batch(m, 4);
              expect(Array.from(loaded.predict(x).dataSync())).toEqual(Array.from(m.predict(x).dataSync()));
            });
          } finally {
            loaded.dispose();
          }
        } finally {
          m.dispose();
        }
      },
    },
  ];
}

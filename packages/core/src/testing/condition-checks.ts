/**
 * The contract checks of a variant in a conditional model
 * (`ModelRecipe.condition`): core appends the condition to the features and
 * the code, so every architecture and latent must build, train, reload to
 * identical outputs and leak nothing with one, whether the condition is a
 * one-hot vector or a learned embedding, and the condition must change the
 * decoded output.
 */
import { expect } from 'vitest';
import { tf } from '../tf.js';
import { Autoencoder, type ModelRecipe } from '../model/autoencoder.js';
import { loadModel, saveModel } from '../model/save.js';
import { memoryStore } from '../model/store.js';
import { train } from '../train/trainer.js';
import { suiteData } from './suite-data.js';
import type { ContractCheck } from './role-checks.js';

const CLASSES = 3;

/**
 * The condition checks of the model `recipe` builds.
 *
 * @example
 * for (const check of conditionChecks(() => recipe)) await check.run();
 */
export function conditionChecks(recipe: () => ModelRecipe): ContractCheck[] {
  const data = (n: number, seed: number) => ({ ...suiteData(n, recipe().inputShape, seed), condition: Int32Array.from({ length: n }, (_, i) => (i * 7 + seed) % CLASSES) });
  const batch = (m: Autoencoder, n: number) => tf.tensor(suiteData(n, m.recipe.inputShape, 2).x, [n, ...m.recipe.inputShape]);
  const classes = (n: number, of = (i: number) => i % CLASSES) => tf.tensor1d(Int32Array.from({ length: n }, (_, i) => of(i)), 'int32');
  return [
    {
      name: 'builds, trains and decodes per class when conditioned on a label (one-hot and embedding)',
      run: async () => {
        for (const embedding of [0, 2]) {
          const m = Autoencoder.create({ ...recipe(), condition: { classes: CLASSES, embedding } });
          try {
            expect(m.isConditional).toBe(true);
            const r = await train(m, data(32, 1), { epochs: 2, batchSize: 16, seed: 1, optimizer: { learningRate: 0.01 } });
            expect(Number.isFinite(r.history[r.history.length - 1].loss)).toBe(true);
            tf.tidy(() => {
              const x = batch(m, 3);
              expect(m.reconstruct(x, classes(3)).shape).toEqual([3, ...m.recipe.inputShape]);
              const code = m.encode(x, classes(3));
              expect(code.shape).toEqual([3, ...m.codeShape]);
              const a = m.decode(code, classes(3, () => 0)).dataSync();
              const b = m.decode(code, classes(3, () => 1)).dataSync();
              expect(Array.from(a)).not.toEqual(Array.from(b));
            });
          } finally {
            m.dispose();
          }
        }
      },
    },
    {
      name: 'saves and reloads a conditional model to identical outputs, and leaks nothing',
      run: async () => {
        const m = Autoencoder.create({ ...recipe(), condition: { classes: CLASSES, embedding: 2 } });
        try {
          await train(m, data(32, 1), { epochs: 1, batchSize: 16 });
          const before = tf.memory().numTensors;
          await train(m, data(32, 2), { epochs: 1, batchSize: 16, validationSplit: 0.25 });
          tf.tidy(() => {
            const x = batch(m, 4);
            m.reconstruct(x, classes(4));
            m.score(x, undefined, undefined, classes(4));
            m.encode(x, classes(4));
          });
          expect(tf.memory().numTensors).toBe(before);
          const store = memoryStore();
          await saveModel(m, store);
          const loaded = await loadModel(store);
          try {
            expect(loaded.recipe.condition).toEqual({ classes: CLASSES, embedding: 2 });
            tf.tidy(() => {
              const x = batch(m, 4);
              expect(Array.from(loaded.reconstruct(x, classes(4)).dataSync())).toEqual(Array.from(m.reconstruct(x, classes(4)).dataSync()));
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

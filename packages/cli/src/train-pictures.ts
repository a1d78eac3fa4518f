/**
 * The pictures of a training run: test images above their reconstructions
 * (reconstructions.png; for a model trained with corruptions three rows,
 * clean / damaged as training damages them / repaired, so the picture shows
 * what the model repairs), samples from the prior of a generative model
 * (samples.png), and for 2-D codes the test codes coloured by label
 * (latent.png).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeAll, tf, type Autoencoder } from '@hourglass/core';
import type { TrainingData } from './data.js';
import { gridPng, imageShapeOf, scatterPng } from './png.js';
import type { ConditionedDataset } from './class-names.js';

/** The class index of each sample of a conditional model's data (set by train-setup.ts). */
const conditionOf = (ds: TrainingData['train']) => (ds as ConditionedDataset).condition;

/**
 * Writes the pictures that apply to `model` and `data` into `outDir`.
 *
 * @example
 * await writePictures(model, data, 'runs/x', 1);
 */
export async function writePictures(model: Autoencoder, data: TrainingData, outDir: string, seed: number): Promise<void> {
  if (!data.test) return;
  const test = data.test;
  const shape = imageShapeOf(data.train.sampleShape);
  if (shape) {
    const count = Math.min(10, test.n);
    const per = test.x.length / test.n;
    const inputs = test.x.slice(0, count * per);
    const x = tf.tensor(inputs, [count, ...test.sampleShape]);
    const classes = model.isConditional ? tf.tensor1d(conditionOf(test).slice(0, count), 'int32') : undefined;
    const damaged = model.composition.corruptions.length ? model.corrupt(x, seed) : undefined;
    const recon = model.reconstruct(damaged ?? x, classes);
    const rows = [inputs, ...(damaged ? [(await damaged.data()) as Float32Array] : []), (await recon.data()) as Float32Array];
    tf.dispose([x, recon, ...(damaged ? [damaged] : []), ...(classes ? [classes] : [])]);
    await writeFile(join(outDir, 'reconstructions.png'), gridPng(rows, count, shape));
    if (model.canGenerate) {
      // a conditional model draws each class in turn along the rows
      const condition = model.isConditional ? Int32Array.from({ length: 20 }, (_, i) => i % 10 % model.conditionClasses) : undefined;
      const samples = model.generate(20, seed, { condition });
      const values = (await samples.data()) as Float32Array;
      samples.dispose();
      const half = values.length / 2;
      await writeFile(join(outDir, 'samples.png'), gridPng([values.slice(0, half), values.slice(half)], 10, shape));
    }
  }
  if (model.codeShape.length === 1 && model.codeShape[0] === 2) {
    const { values: points } = await encodeAll(model, test);
    await writeFile(join(outDir, 'latent.png'), scatterPng(points, test.labels));
  }
}

/**
 * The pictures of a training run: test images above their reconstructions
 * (reconstructions.png; for a model trained with corruptions three rows,
 * clean / damaged as training damages them / repaired, so the picture shows
 * what the model repairs), samples from the prior of a generative model
 * (samples.png), and the test codes coloured by label (latent.png: the
 * codes themselves when 2-D, else their two principal components).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeAll, tf, type Autoencoder } from '@hourglass/core';
import type { TrainingData } from './data.js';
import { codeMap } from './code-map.js';
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
    const labels = damaged ? ['clean', 'damaged', 'repaired'] : ['input', 'output'];
    const title = damaged ? `${count} test samples, damaged as in training and repaired` : `reconstructions of ${count} test samples`;
    await writeFile(join(outDir, 'reconstructions.png'), gridPng(rows, count, shape, { title, rowLabels: labels }));
    if (model.canGenerate) {
      // a conditional model draws each class in turn along the rows
      const condition = model.isConditional ? Int32Array.from({ length: 20 }, (_, i) => i % 10 % model.conditionClasses) : undefined;
      const samples = model.generate(20, seed, { condition });
      const values = (await samples.data()) as Float32Array;
      samples.dispose();
      const half = values.length / 2;
      await writeFile(join(outDir, 'samples.png'), gridPng([values.slice(0, half), values.slice(half)], 10, shape, { title: `20 samples from the prior, seed ${seed}` }));
    }
  }
  const { values: codes } = await encodeAll(model, test);
  const map = codeMap(codes, test.n, codes.length / test.n, seed);
  const title = `codes of ${test.n} test samples${map.method === 'pca' ? ', first two principal components' : ''}`;
  await writeFile(join(outDir, 'latent.png'), scatterPng(map.points, test.labels, { title, xLabel: map.xLabel, yLabel: map.yLabel, classNames: test.labelNames }));
}

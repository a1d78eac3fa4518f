/**
 * Evaluation over a dataset: each sample's loss on the data and their mean,
 * the training objective with its terms, the anomaly scores, and the
 * predicted targets. Data carrying targets `y` hands them to models with a
 * target; models without one ignore them. Data carrying classes
 * (`condition`) hands them to conditional models.
 */
import { tf } from '../tf.js';
import type { Autoencoder } from '../model/autoencoder.js';
import { iterateBatches, type TensorBatch, type TrainData } from './data.js';
import { conditionedBy, mapBatches } from './batch-map.js';

/** The batch's targets when the model predicts some, else undefined. */
const targetsFor = (model: Autoencoder, b: TensorBatch) => (model.hasPredictor ? b.y : undefined);

/**
 * Mean loss on the data (per entry, mean over samples) of `model` on
 * `data`, without corruption, sampling or regularizers: the reconstruction
 * error, plus the weighted prediction error against `y` for a model with a
 * target (`model.dataLoss`).
 *
 * @example
 * const testBce = await evaluate(model, testSet); // e.g. 0.099
 */
export async function evaluate(model: Autoencoder, data: TrainData, batchSize = 512): Promise<number> {
  const all = (await mapBatches(data, batchSize, (b) => model.dataLoss(b.x, targetsFor(model, b), b.mask, b.condition), conditionedBy(model, data))).values;
  let total = 0;
  for (let i = 0; i < all.length; i++) total += all[i];
  return total / Math.max(all.length, 1);
}

/**
 * Every sample's anomaly score (`model.score`), in data order: the
 * reconstruction error, or for a 'predict' model the prediction error
 * against the data's `y`.
 *
 * @example
 * const scores = await scoreAll(model, trainSet);
 * const threshold = calibrateThreshold(scores, 0.01);
 */
export async function scoreAll(model: Autoencoder, data: TrainData, batchSize = 512): Promise<Float32Array> {
  return (await mapBatches(data, batchSize, (b) => model.score(b.x, targetsFor(model, b), b.mask, b.condition), conditionedBy(model, data))).values;
}

/**
 * Every sample's predicted target (`model.predict`), in data order and in
 * data space: n * prod(target.shape) values, row-major. Needs a model with a
 * target; the data's own `y`, if any, is not used.
 *
 * @example
 * const forecast = await predictAll(model, windows); // [n, horizon, features] flattened
 */
export async function predictAll(model: Autoencoder, data: TrainData, batchSize = 512): Promise<Float32Array> {
  return (await mapBatches(data, batchSize, (b) => model.predict(b.x, b.condition), conditionedBy(model, data))).values;
}

/** The training objective on a dataset: the mean loss and each term's mean, per sample. */
export interface ObjectiveReport {
  loss: number;
  terms: Record<string, number>;
  n: number;
}

/**
 * The loss the trainer minimises, and each of its terms, averaged over
 * every sample of `data`: `model.step` batch by batch (corruptions,
 * sampling and every variant's terms, as in training) without updating
 * anything. The noise comes from `seed`, so a seed gives one figure.
 *
 * @example
 * const { loss, terms } = await evaluateObjective(vae, testSet, { seed: 1 }); // terms.reconstruction, terms.kl
 */
export async function evaluateObjective(model: Autoencoder, data: TrainData, options: { batchSize?: number; seed?: number } = {}): Promise<ObjectiveReport> {
  const { batchSize = 512, seed = 0 } = options;
  const sums: Record<string, number> = {};
  let loss = 0;
  let n = 0;
  let batch = 0;
  for await (const b of iterateBatches(data, batchSize, undefined, conditionedBy(model, data))) {
    try {
      const values = tf.tidy(() => {
        const r = model.step(b.x, { seed: seed * 100003 + batch, mask: b.mask, y: targetsFor(model, b), condition: b.condition });
        return { loss: r.loss.dataSync()[0], terms: Object.fromEntries(Object.entries(r.terms).map(([k, t]) => [k, t.dataSync()[0]])) };
      });
      loss += values.loss * b.n;
      for (const [k, v] of Object.entries(values.terms)) sums[k] = (sums[k] ?? 0) + v * b.n;
      n += b.n;
      batch++;
    } finally {
      b.x.dispose();
      b.mask?.dispose();
      b.y?.dispose();
      b.condition?.dispose();
    }
  }
  const terms = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / Math.max(n, 1)]));
  return { loss: loss / Math.max(n, 1), terms, n };
}

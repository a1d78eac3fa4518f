/** Evaluation: per-sample reconstruction errors over a dataset, and their mean. */
import type { Autoencoder } from '../model/autoencoder.js';
import type { TrainData } from './data.js';
import { mapBatches } from './batch-map.js';

/**
 * Mean reconstruction error (per entry, mean over samples) of `model` on
 * `data`, without corruption, sampling or regularizers.
 *
 * @example
 * const testBce = await evaluate(model, testSet); // e.g. 0.099
 */
export async function evaluate(model: Autoencoder, data: TrainData, batchSize = 512): Promise<number> {
  const all = await scoreAll(model, data, batchSize);
  let total = 0;
  for (let i = 0; i < all.length; i++) total += all[i];
  return total / Math.max(all.length, 1);
}

/**
 * Every sample's reconstruction error (`model.score`), in data order: the
 * anomaly scores of a dataset.
 *
 * @example
 * const scores = await scoreAll(model, trainSet);
 * const threshold = calibrateThreshold(scores, 0.01);
 */
export async function scoreAll(model: Autoencoder, data: TrainData, batchSize = 512): Promise<Float32Array> {
  return (await mapBatches(data, batchSize, (b) => model.score(b.x, b.mask))).values;
}

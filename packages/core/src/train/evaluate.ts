/** Evaluation: mean per-sample reconstruction error over a dataset. */
import type { Autoencoder } from '../model/autoencoder.js';
import { iterateBatches, type TrainData } from './data.js';

/**
 * Mean reconstruction error (per entry, mean over samples) of `model` on
 * `data`, without corruption, sampling or regularisers.
 *
 * @example
 * const testBce = await evaluate(model, testSet); // e.g. 0.099
 */
export async function evaluate(model: Autoencoder, data: TrainData, batchSize = 512): Promise<number> {
  let total = 0;
  let count = 0;
  for await (const b of iterateBatches(data, batchSize)) {
    const scores = model.score(b.x, b.mask);
    const values = await scores.data();
    scores.dispose();
    b.x.dispose();
    b.mask?.dispose();
    for (let i = 0; i < values.length; i++) total += values[i];
    count += b.n;
  }
  return total / Math.max(count, 1);
}

/**
 * Running a model over a whole dataset batch by batch, in data order, and
 * gathering each sample's output into one array: the codes, reconstructions
 * or anomaly scores of a dataset. Every tensor made here is disposed.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Autoencoder } from '../model/autoencoder.js';
import { concatFloat32 } from '../arrays.js';
import { iterateBatches, type TensorBatch, type TrainData } from './data.js';

/** Outputs of every sample, row-major, and their shape `[n, ...per sample]`. */
export interface BatchOutputs {
  values: Float32Array;
  shape: number[];
}

/**
 * Applies `fn` to every batch of `data` in order (no shuffling) and joins
 * the outputs along the first axis. `fn` returns a new tensor of shape
 * `[batch.n, ...]`; this function disposes it and the batch.
 *
 * @example
 * const { values, shape } = await mapBatches(data, 512, (b) => model.encode(b.x)); // shape [n, ...codeShape]
 */
export async function mapBatches(data: TrainData, batchSize: number, fn: (batch: TensorBatch) => Tensor): Promise<BatchOutputs> {
  const parts: Float32Array[] = [];
  let n = 0;
  let perSample: number[] = [];
  for await (const b of iterateBatches(data, batchSize)) {
    try {
      const y = fn(b);
      try {
        perSample = y.shape.slice(1);
        parts.push((await y.data()) as Float32Array);
      } finally {
        y.dispose();
      }
      n += b.n;
    } finally {
      b.x.dispose();
      b.mask?.dispose();
      b.y?.dispose();
    }
  }
  return { values: concatFloat32(parts), shape: [n, ...perSample] };
}

/**
 * The code of every sample of `data` (`model.encode`), in data order.
 *
 * @example
 * const { values, shape } = await encodeAll(model, testSet); // shape [n, ...model.codeShape]
 */
export function encodeAll(model: Autoencoder, data: TrainData, batchSize = 512): Promise<BatchOutputs> {
  return mapBatches(data, batchSize, (b) => model.encode(b.x));
}

/**
 * The reconstruction of every sample of `data` (`model.reconstruct`), in data order.
 *
 * @example
 * const { values } = await reconstructAll(model, testSet); // same layout as testSet.x
 */
export function reconstructAll(model: Autoencoder, data: TrainData, batchSize = 512): Promise<BatchOutputs> {
  return mapBatches(data, batchSize, (b) => model.reconstruct(b.x));
}

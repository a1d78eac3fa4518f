/**
 * Running a model over a whole dataset batch by batch, in data order, and
 * gathering each sample's output into one array: the codes, reconstructions
 * or anomaly scores of a dataset. Every tensor made here is disposed.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Autoencoder } from '../model/autoencoder.js';
import { concatFloat32 } from '../arrays.js';
import { checkConditions, isArrayData, iterateBatches, type BatchOptions, type TensorBatch, type TrainData } from './data.js';

/** Outputs of every sample, row-major, and their shape `[n, ...per sample]`. */
export interface BatchOutputs {
  values: Float32Array;
  shape: number[];
}

/**
 * Applies `fn` to every batch of `data` in order (no shuffling) and joins
 * the outputs along the first axis. `fn` returns a new tensor of shape
 * `[batch.n, ...]`; this function disposes it and the batch. With
 * `options.conditionClasses` batches carry the data's classes (`condition`).
 *
 * @example
 * const { values, shape } = await mapBatches(data, 512, (b) => model.encode(b.x)); // shape [n, ...codeShape]
 */
export async function mapBatches(data: TrainData, batchSize: number, fn: (batch: TensorBatch) => Tensor, options: BatchOptions = {}): Promise<BatchOutputs> {
  const parts: Float32Array[] = [];
  let n = 0;
  let perSample: number[] = [];
  for await (const b of iterateBatches(data, batchSize, undefined, options)) {
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
      b.condition?.dispose();
    }
  }
  return { values: concatFloat32(parts), shape: [n, ...perSample] };
}

/**
 * The code of every sample of `data` (`model.encode`), in data order; a
 * conditional model is given the data's classes (`data.condition`).
 *
 * @example
 * const { values, shape } = await encodeAll(model, testSet); // shape [n, ...model.codeShape]
 */
export async function encodeAll(model: Autoencoder, data: TrainData, batchSize = 512): Promise<BatchOutputs> {
  return mapBatches(data, batchSize, (b) => model.encode(b.x, b.condition), conditionedBy(model, data));
}

/**
 * The reconstruction of every sample of `data` (`model.reconstruct`), in data order (with the data's classes for a conditional model).
 *
 * @example
 * const { values } = await reconstructAll(model, testSet); // same layout as testSet.x
 */
export async function reconstructAll(model: Autoencoder, data: TrainData, batchSize = 512): Promise<BatchOutputs> {
  return mapBatches(data, batchSize, (b) => model.reconstruct(b.x, b.condition), conditionedBy(model, data));
}

/**
 * The batch options that hand a conditional model its data's classes; a
 * ConfigError naming the data when it has none.
 *
 * @example
 * await mapBatches(data, 512, (b) => model.score(b.x, undefined, b.mask, b.condition), conditionedBy(model, data));
 */
export function conditionedBy(model: Autoencoder, data: TrainData): BatchOptions {
  if (!model.isConditional) return {};
  if (isArrayData(data)) checkConditions(data, model.conditionClasses, 'data');
  return { conditionClasses: model.conditionClasses };
}

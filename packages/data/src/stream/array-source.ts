/**
 * In-memory datasets as BatchSources, and the reverse (collecting a stream),
 * so code written against BatchSource works for both.
 */
import { gatherRows, sampleSize } from '../dataset.js';
import { DataError } from '../errors.js';
import { shuffleIndices } from '../rng.js';
import type { ArrayDataset, Batch, BatchSource } from '../types.js';
import { checkBatchSize } from './batch-size.js';

/** Options of arrayBatchSource. */
export interface ArraySourceOptions {
  /** Shuffle every pass (default false: batches are views into x, no copies). */
  shuffle?: boolean;
  /** Seed of pass 0; pass k uses seed + k (default 0). */
  seed?: number;
}

/**
 * A BatchSource over an in-memory dataset; its batches carry the dataset's
 * targets `y`, when it has them, shuffled in step with `x`.
 *
 * @example
 * const source = arrayBatchSource(train, { shuffle: true, seed: 1 });
 * for await (const batch of source.batches(256)) step(batch);
 */
export function arrayBatchSource(ds: ArrayDataset, options: ArraySourceOptions = {}): BatchSource & { n: number } {
  const size = sampleSize(ds.sampleShape);
  const ySize = ds.y ? (ds.targetShape ? sampleSize(ds.targetShape) : ds.y.length / Math.max(ds.n, 1)) : 0;
  let pass = 0;
  const source: BatchSource & { n: number } = {
    name: ds.name,
    n: ds.n,
    sampleShape: [...ds.sampleShape],
    async *batches(batchSize: number) {
      checkBatchSize(batchSize);
      const order = options.shuffle ? shuffleIndices(ds.n, (options.seed ?? 0) + pass) : undefined;
      pass++;
      for (let first = 0; first < ds.n; first += batchSize) {
        const n = Math.min(batchSize, ds.n - first);
        const rows = order?.subarray(first, first + n);
        // In order, batches are views into the arrays; shuffled, copies of the rows.
        const part = (src: Float32Array, width: number) => (rows ? gatherRows(src, rows, width) : src.subarray(first * width, (first + n) * width));
        const batch: Batch = { x: part(ds.x, size), n };
        if (ds.mask) batch.mask = part(ds.mask, size);
        if (ds.y) batch.y = part(ds.y, ySize);
        yield batch;
      }
    },
  };
  if (ds.y) source.targetShape = ds.targetShape ? [...ds.targetShape] : [ySize];
  return source;
}

/**
 * Reads a whole BatchSource into memory (one pass), with the targets `y`
 * its batches carry (every batch must then carry them).
 *
 * @example
 * const ds = await collectBatches(await csvBatchSource('small.csv'));
 */
export async function collectBatches(source: BatchSource, batchSize = 4096): Promise<ArrayDataset> {
  const size = sampleSize(source.sampleShape);
  const parts: Float32Array[] = [];
  const masks: (Float32Array | undefined)[] = [];
  const targets: Float32Array[] = [];
  let n = 0;
  for await (const batch of source.batches(batchSize)) {
    if (batch.x.length !== batch.n * size) throw new DataError(`${source.name}: a batch of ${batch.n} samples has ${batch.x.length} values, expected ${batch.n * size}`);
    if (parts.length > 0 && Boolean(batch.y) !== targets.length > 0)
      throw new DataError(`${source.name}: the batch at sample ${n} ${batch.y ? 'carries' : 'lacks'} targets y, unlike the batches before it`);
    parts.push(batch.x.slice());
    masks.push(batch.mask?.slice());
    if (batch.y) targets.push(batch.y.slice());
    n += batch.n;
  }
  const ds: ArrayDataset = { name: source.name, x: concat(parts), n, sampleShape: [...source.sampleShape] };
  if (masks.some((m) => m)) {
    const mask = new Float32Array(n * size).fill(1);
    let at = 0;
    parts.forEach((p, k) => {
      if (masks[k]) mask.set(masks[k]!, at);
      at += p.length;
    });
    ds.mask = mask;
  }
  if (targets.length > 0) {
    ds.y = concat(targets);
    ds.targetShape = source.targetShape ? [...source.targetShape] : [n > 0 ? ds.y.length / n : 0];
    if (ds.y.length !== n * sampleSize(ds.targetShape))
      throw new DataError(`${source.name}: the batches carry ${ds.y.length} target values, expected n * ${sampleSize(ds.targetShape)} for targetShape [${ds.targetShape.join(', ')}]`);
  }
  return ds;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((k, p) => k + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

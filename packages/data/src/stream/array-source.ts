/**
 * In-memory datasets as BatchSources, and the reverse (collecting a stream),
 * so code written against BatchSource works for both.
 */
import { gatherRows, sampleSize } from '../dataset.js';
import { DataError } from '../errors.js';
import { shuffleIndices } from '../rng.js';
import type { ArrayDataset, BatchSource } from '../types.js';
import { checkBatchSize } from './batch-size.js';

/** Options of arrayBatchSource. */
export interface ArraySourceOptions {
  /** Shuffle every pass (default false: batches are views into x, no copies). */
  shuffle?: boolean;
  /** Seed of pass 0; pass k uses seed + k (default 0). */
  seed?: number;
}

/**
 * A BatchSource over an in-memory dataset.
 *
 * @example
 * const source = arrayBatchSource(train, { shuffle: true, seed: 1 });
 * for await (const batch of source.batches(256)) step(batch);
 */
export function arrayBatchSource(ds: ArrayDataset, options: ArraySourceOptions = {}): BatchSource & { n: number } {
  const size = sampleSize(ds.sampleShape);
  let pass = 0;
  return {
    name: ds.name,
    n: ds.n,
    sampleShape: [...ds.sampleShape],
    async *batches(batchSize: number) {
      checkBatchSize(batchSize);
      const order = options.shuffle ? shuffleIndices(ds.n, (options.seed ?? 0) + pass) : undefined;
      pass++;
      for (let first = 0; first < ds.n; first += batchSize) {
        const n = Math.min(batchSize, ds.n - first);
        if (!order) {
          const x = ds.x.subarray(first * size, (first + n) * size);
          yield ds.mask ? { x, n, mask: ds.mask.subarray(first * size, (first + n) * size) } : { x, n };
          continue;
        }
        const rows = order.subarray(first, first + n);
        const x = gatherRows(ds.x, rows, size);
        yield ds.mask ? { x, n, mask: gatherRows(ds.mask, rows, size) } : { x, n };
      }
    },
  };
}

/**
 * Reads a whole BatchSource into memory (one pass).
 *
 * @example
 * const ds = await collectBatches(await csvBatchSource('small.csv'));
 */
export async function collectBatches(source: BatchSource, batchSize = 4096): Promise<ArrayDataset> {
  const size = sampleSize(source.sampleShape);
  const parts: Float32Array[] = [];
  const masks: (Float32Array | undefined)[] = [];
  let n = 0;
  for await (const batch of source.batches(batchSize)) {
    if (batch.x.length !== batch.n * size) throw new DataError(`${source.name}: a batch of ${batch.n} samples has ${batch.x.length} values, expected ${batch.n * size}`);
    parts.push(batch.x.slice());
    masks.push(batch.mask?.slice());
    n += batch.n;
  }
  const x = new Float32Array(n * size);
  let at = 0;
  for (const p of parts) {
    x.set(p, at);
    at += p.length;
  }
  const ds: ArrayDataset = { name: source.name, x, n, sampleShape: [...source.sampleShape] };
  if (masks.some((m) => m)) {
    const mask = new Float32Array(n * size).fill(1);
    at = 0;
    parts.forEach((p, k) => {
      if (masks[k]) mask.set(masks[k]!, at);
      at += p.length;
    });
    ds.mask = mask;
  }
  return ds;
}

/**
 * Splitting a stream without reading it first: each row goes to the test,
 * validation or training part by a seeded hash of its index in the file,
 * so the parts are disjoint, cover every row, hold close to the asked
 * fractions, and are the same in every run and every pass, with no pass
 * to count or shuffle the rows. (Series need contiguous ranges instead: a
 * hash split would put neighbouring steps in different parts.)
 */
import { DataError } from '../errors.js';
import type { Batch, BatchSource } from '../types.js';
import { sampleSize } from '../dataset.js';
import { checkBatchSize } from './batch-size.js';

/** A part of a hash split. */
export type HashPart = 'train' | 'validation' | 'test';

/** Options of {@link hashPart} and {@link hashSplitSource}. */
export interface HashSplitOptions {
  /** Fraction of rows in the test part, in [0, 1). */
  test: number;
  /** Fraction of rows in the validation part (default 0); test + validation < 1. */
  validation?: number;
  /** Seed of the hash (default 0). */
  seed?: number;
}

/** A 32-bit integer hash (MurmurHash3's finaliser) of the row index and the seed, as a float in [0, 1). */
function unit(index: number, seed: number): number {
  let h = (Math.imul(index | 0, 0x9e3779b1) ^ Math.imul((index / 4294967296) | 0, 0x85ebca77) ^ (seed | 0)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function check(options: HashSplitOptions): void {
  const { test, validation = 0 } = options;
  if (!(test >= 0 && test < 1)) throw new DataError(`hash split: test must be a fraction in [0, 1), got ${test}`);
  if (!(validation >= 0 && test + validation < 1)) throw new DataError(`hash split: validation must be >= 0 and test + validation < 1, got ${validation}`);
  if (!Number.isFinite(options.seed ?? 0)) throw new DataError(`hash split: seed must be a finite number, got ${options.seed}`);
}

/**
 * The part row `index` belongs to.
 *
 * @example
 * hashPart(12345, { test: 0.2, seed: 1 }); // 'train' or 'test', the same every time
 */
export function hashPart(index: number, options: HashSplitOptions): HashPart {
  check(options);
  return partOf(index, options);
}

/** The part of row `index`, options already checked (the per-row path of a split source). */
function partOf(index: number, options: HashSplitOptions): HashPart {
  const u = unit(index, options.seed ?? 0);
  if (u < options.test) return 'test';
  return u < options.test + (options.validation ?? 0) ? 'validation' : 'train';
}

/**
 * The rows of `source` in `part` of a hash split, in the source's order (a
 * batch's `first`, when the source reads out of file order, gives its rows' file indices).
 *
 * @example
 * const train = hashSplitSource(await npyBatchSource('big.npy'), 'train', { test: 0.1, seed: 1 });
 */
export function hashSplitSource<S extends BatchSource>(source: S, part: HashPart, options: HashSplitOptions): Omit<S, 'n'> {
  check(options);
  const size = sampleSize(source.sampleShape);
  const ySize = source.targetShape ? sampleSize(source.targetShape) : 0;
  const { n: _n, ...rest } = source as S & { n?: number };
  return {
    ...rest,
    name: `${source.name}/${part}`,
    async *batches(batchSize: number) {
      checkBatchSize(batchSize);
      // kept rows are copied at once: a source may reuse its batch arrays
      const fresh = () => ({ x: new Float32Array(batchSize * size), mask: undefined as Float32Array | undefined, y: ySize > 0 ? new Float32Array(batchSize * ySize) : undefined, n: 0 });
      let out = fresh();
      const done = (): Batch => {
        const batch: Batch = { x: out.x.subarray(0, out.n * size), n: out.n };
        if (out.mask) batch.mask = out.mask.subarray(0, out.n * size);
        if (out.y) batch.y = out.y.subarray(0, out.n * ySize);
        out = fresh();
        return batch;
      };
      let index = 0;
      for await (const batch of source.batches(batchSize)) {
        if (batch.first !== undefined) index = batch.first; // a source read out of file order says where its rows are
        for (let r = 0; r < batch.n; r++, index++) {
          if (partOf(index, options) !== part) continue;
          out.x.set(batch.x.subarray(r * size, (r + 1) * size), out.n * size);
          if (batch.mask) (out.mask ??= new Float32Array(batchSize * size).fill(1)).set(batch.mask.subarray(r * size, (r + 1) * size), out.n * size);
          if (out.y && batch.y) out.y.set(batch.y.subarray(r * ySize, (r + 1) * ySize), out.n * ySize);
          if (++out.n === batchSize) yield done();
        }
      }
      if (out.n > 0) yield done();
    },
  } as Omit<S, 'n'>;
}

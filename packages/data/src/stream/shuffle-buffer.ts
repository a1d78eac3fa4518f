/**
 * Shuffling a stream that does not fit in memory: a buffer of `buffer`
 * rows is filled from the source, and every row read after that takes the
 * place of a row drawn at random from the buffer, which is emitted (the
 * shuffle buffer of tf.data). At the end the rows left in the buffer come
 * out in random order. Every row comes out exactly once per pass; with a
 * buffer as large as the data the order is a uniform permutation, with a
 * smaller one a row comes out no earlier than `buffer` places before its
 * position in the file, so the buffer should hold several of whatever runs
 * the file is sorted in (a class, a user, a day). Memory: `buffer` rows.
 * Pass k draws from `seed + k`, so epochs differ and runs repeat.
 */
import { sampleSize } from '../dataset.js';
import { DataError } from '../errors.js';
import { mulberry32 } from '../rng.js';
import type { Batch, BatchSource } from '../types.js';
import { checkBatchSize } from './batch-size.js';

/** Options of {@link shuffledSource}. */
export interface ShuffleOptions {
  /** Rows the buffer holds (memory: this many rows). */
  buffer: number;
  /** Seed of pass 0; pass k uses seed + k (default 0). */
  seed?: number;
}

/** One row's values: x, and the mask and targets when the source has them. */
interface Row {
  x: Float32Array;
  mask?: Float32Array;
  y?: Float32Array;
}

function rowsOf(batch: Batch, size: number, ySize: number): Row[] {
  return Array.from({ length: batch.n }, (_, i) => ({
    x: batch.x.slice(i * size, (i + 1) * size),
    mask: batch.mask?.slice(i * size, (i + 1) * size),
    y: batch.y && ySize > 0 ? batch.y.slice(i * ySize, (i + 1) * ySize) : undefined,
  }));
}

function batchOf(rows: Row[], size: number, ySize: number): Batch {
  const batch: Batch = { x: new Float32Array(rows.length * size), n: rows.length };
  rows.forEach((r, i) => batch.x.set(r.x, i * size));
  if (rows[0]?.mask) {
    batch.mask = new Float32Array(rows.length * size);
    rows.forEach((r, i) => batch.mask!.set(r.mask!, i * size));
  }
  if (rows[0]?.y) {
    batch.y = new Float32Array(rows.length * ySize);
    rows.forEach((r, i) => batch.y!.set(r.y!, i * ySize));
  }
  return batch;
}

/**
 * `source` read through a seeded shuffle buffer of `options.buffer` rows.
 *
 * @example
 * const shuffled = shuffledSource(await csvBatchSource('sorted-by-label.csv'), { buffer: 50_000, seed: 1 });
 * for await (const batch of shuffled.batches(256)) step(batch);
 */
export function shuffledSource<S extends BatchSource>(source: S, options: ShuffleOptions): S {
  if (!Number.isInteger(options.buffer) || options.buffer < 1) throw new DataError(`shuffle buffer: expected a whole number of rows >= 1, got ${options.buffer}`);
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new DataError(`shuffle seed: expected a finite number, got ${seed}`);
  const size = sampleSize(source.sampleShape);
  const ySize = source.targetShape ? sampleSize(source.targetShape) : 0;
  let pass = 0;
  return {
    ...source,
    name: source.name,
    async *batches(batchSize: number) {
      checkBatchSize(batchSize);
      const next = mulberry32(seed + pass++);
      const buffer: Row[] = [];
      let out: Row[] = [];
      for await (const batch of source.batches(Math.min(options.buffer, 4096))) {
        for (const row of rowsOf(batch, size, ySize)) {
          if (buffer.length < options.buffer) {
            buffer.push(row);
            continue;
          }
          const j = Math.floor(next() * buffer.length);
          out.push(buffer[j]);
          buffer[j] = row;
          if (out.length === batchSize) {
            yield batchOf(out, size, ySize);
            out = [];
          }
        }
      }
      // the rows left, in random order (Fisher-Yates)
      for (let i = buffer.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [buffer[i], buffer[j]] = [buffer[j], buffer[i]];
      }
      for (const row of buffer) {
        out.push(row);
        if (out.length === batchSize) {
          yield batchOf(out, size, ySize);
          out = [];
        }
      }
      if (out.length > 0) yield batchOf(out, size, ySize);
    },
  };
}

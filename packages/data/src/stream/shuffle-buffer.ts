/**
 * Shuffling a stream that does not fit in memory: a buffer of `buffer`
 * rows is filled from the source, and every row read after that takes the
 * place of a row drawn at random from the buffer, which is emitted (the
 * shuffle buffer of tf.data). At the end the rows left in the buffer come
 * out in random order. Every row comes out exactly once per pass; with a
 * buffer as large as the data the order is a uniform permutation, with a
 * smaller one a row comes out no earlier than `buffer` places before its
 * position in the file, so the buffer should hold several of whatever runs
 * the file is sorted in (a class, a user, a day). Memory: `buffer` rows, in
 * flat arrays (no object per row).
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

/**
 * The buffer's rows, kept in flat arrays (one slot a row) that grow by
 * doubling up to the buffer's size: memory is the rows' values and no more,
 * with no object per row for the collector to chase.
 */
class Slots {
  count = 0;
  private capacity = 0;
  x = new Float32Array(0);
  mask?: Float32Array;
  y?: Float32Array;

  constructor(
    private readonly limit: number,
    private readonly size: number,
    private readonly ySize: number,
  ) {}

  /** Room for one more row. */
  private grow(): void {
    this.capacity = Math.min(this.limit, Math.max(64, 2 * this.capacity));
    const larger = (a: Float32Array | undefined, width: number, fill = 0) => {
      if (!a) return undefined;
      const b = new Float32Array(this.capacity * width).fill(fill);
      b.set(a);
      return b;
    };
    this.x = larger(this.x, this.size)!;
    this.mask = larger(this.mask, this.size, 1);
    this.y = larger(this.y, this.ySize);
  }

  /** Row r of `batch` into slot `slot` (a new slot when `slot` is the count). */
  put(slot: number, batch: Batch, r: number): void {
    if (slot === this.count) {
      if (this.count === this.capacity) this.grow();
      this.count++;
    }
    const { size, ySize } = this;
    this.x.set(batch.x.subarray(r * size, (r + 1) * size), slot * size);
    if (batch.mask && !this.mask) this.mask = new Float32Array(this.capacity * size).fill(1);
    if (this.mask) {
      if (batch.mask) this.mask.set(batch.mask.subarray(r * size, (r + 1) * size), slot * size);
      else this.mask.fill(1, slot * size, (slot + 1) * size);
    }
    if (ySize > 0 && batch.y) {
      this.y ??= new Float32Array(this.capacity * ySize);
      this.y.set(batch.y.subarray(r * ySize, (r + 1) * ySize), slot * ySize);
    }
  }
}

/** A batch being filled from slots. */
class Out {
  n = 0;
  private x: Float32Array;
  private mask?: Float32Array;
  private y?: Float32Array;

  constructor(
    private readonly batchSize: number,
    private readonly size: number,
    private readonly ySize: number,
  ) {
    this.x = new Float32Array(batchSize * size);
  }

  /** Copies slot `slot`; true when the batch is full. */
  add(slots: Slots, slot: number): boolean {
    const { size, ySize, n } = this;
    this.x.set(slots.x.subarray(slot * size, (slot + 1) * size), n * size);
    if (slots.mask) (this.mask ??= new Float32Array(this.batchSize * size).fill(1)).set(slots.mask.subarray(slot * size, (slot + 1) * size), n * size);
    if (slots.y) (this.y ??= new Float32Array(this.batchSize * ySize)).set(slots.y.subarray(slot * ySize, (slot + 1) * ySize), n * ySize);
    return ++this.n === this.batchSize;
  }

  /** The batch so far (a fresh one starts). */
  take(): Batch {
    const { n, size, ySize } = this;
    const batch: Batch = { x: this.x.subarray(0, n * size), n };
    if (this.mask) batch.mask = this.mask.subarray(0, n * size);
    if (this.y) batch.y = this.y.subarray(0, n * ySize);
    this.x = new Float32Array(this.batchSize * size);
    this.mask = undefined;
    this.y = undefined;
    this.n = 0;
    return batch;
  }
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
      const slots = new Slots(options.buffer, size, ySize);
      const out = new Out(batchSize, size, ySize);
      for await (const batch of source.batches(Math.min(options.buffer, 4096))) {
        for (let r = 0; r < batch.n; r++) {
          if (slots.count < options.buffer) {
            slots.put(slots.count, batch, r);
            continue;
          }
          // the row drawn goes out, the new row takes its slot
          const j = Math.floor(next() * slots.count);
          const full = out.add(slots, j);
          slots.put(j, batch, r);
          if (full) yield out.take();
        }
      }
      // the rows left, in random order (Fisher-Yates)
      const order = Int32Array.from({ length: slots.count }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const slot of order) if (out.add(slots, slot)) yield out.take();
      if (out.n > 0) yield out.take();
    },
  };
}

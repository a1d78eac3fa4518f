/**
 * Interactions as a batch source for training: every pass (epoch) visits
 * the rows in a fresh order drawn from the seed and the pass number, and
 * fills each batch's dense rows on the fly, so memory stays that of the
 * interactions plus one batch. The source declares its length (`n`), so a
 * trainer counts batches per epoch (per-batch learning-rate schedules and
 * step-based KL annealing work as on arrays).
 *
 * The order of pass p depends only on (seed, p): a run resumed at epoch e
 * sets `pass = e` and sees the very orders an uninterrupted run would.
 */
import { DataError } from '../errors.js';
import { shuffleIndices } from '../rng.js';
import type { Batch, BatchSource } from '../types.js';
import type { Interactions } from './interactions.js';

/** Options of interactionBatches. */
export interface InteractionBatchesOptions {
  /** Seed of the row orders. */
  seed: number;
  /** Give each batch the mask of the stored entries (masked losses such as AutoRec's); default false. */
  mask?: boolean;
  /** Visit rows in stored order instead of shuffling (for scoring); default false. */
  ordered?: boolean;
}

/** A BatchSource over the rows of an Interactions store, with its length and the next pass number. */
export interface InteractionBatches extends BatchSource {
  /** Rows per pass. */
  n: number;
  /** The pass the next call of `batches` makes (0 first); set it to resume a run at an epoch. */
  pass: number;
}

/**
 * The rows of `inter` (users, or items of a transposed store) in batches of dense rows.
 *
 * @example
 * const source = interactionBatches(split.train, { seed: 1 });
 * await train(model, source, { epochs: 20, batchSize: 500 }); // with @hourglass/core
 */
export function interactionBatches(inter: Interactions, options: InteractionBatchesOptions): InteractionBatches {
  if (!Number.isFinite(options.seed)) throw new DataError(`seed must be a finite number, got ${options.seed}`);
  const source: InteractionBatches = {
    name: inter.name,
    sampleShape: [inter.items],
    n: inter.users,
    pass: 0,
    async *batches(batchSize: number): AsyncGenerator<Batch> {
      if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new DataError(`batchSize must be an integer >= 1, got ${batchSize}`);
      const pass = source.pass++;
      const order = options.ordered ? Int32Array.from({ length: inter.users }, (_, u) => u) : shuffleIndices(inter.users, (options.seed * 1000003 + pass) | 0);
      for (let start = 0; start < inter.users; start += batchSize) {
        const rows = order.subarray(start, Math.min(start + batchSize, inter.users));
        const { x, mask } = inter.denseRows(rows);
        yield options.mask ? { x, mask, n: rows.length } : { x, n: rows.length };
      }
    },
  };
  return source;
}

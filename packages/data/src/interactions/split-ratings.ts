/**
 * Holding out ratings (not users) for explicit-rating evaluation, the
 * AutoRec protocol (Sedhain et al. 2015: 90% of the ratings to train, 10%
 * to test, both over the same users and items). Each user keeps at least
 * one rating for training when they have two or more; a user with a single
 * rating keeps it. Per user, `floor(test * n + u)` ratings (u uniform in
 * [0, 1)) are held out, so the fraction is `test` on average whatever the
 * row lengths.
 */
import { DataError } from '../errors.js';
import { mulberry32 } from '../rng.js';
import { CsrWriter } from './csr-writer.js';
import type { Interactions } from './interactions.js';
import { longestRow, pickPositions } from './pick.js';

/** Options of splitRatings. */
export interface RatingSplitOptions {
  /** Fraction of each user's ratings held out, in [0, 1) (default 0.1). */
  test?: number;
  /** Seed of the draw: the same seed gives the same split. */
  seed: number;
}

/** Train and test ratings over the same users and items (same ids, same indices). */
export interface RatingSplit {
  train: Interactions;
  test: Interactions;
}

/**
 * Splits each user's ratings into train and test.
 *
 * @example
 * const { train, test } = splitRatings(inter, { test: 0.1, seed: 1 });
 * train.count + test.count; // the ratings of the input
 */
export function splitRatings(inter: Interactions, options: RatingSplitOptions): RatingSplit {
  const test = options.test ?? 0.1;
  if (!(test >= 0 && test < 1)) throw new DataError(`test must be a fraction in [0, 1), got ${test}`);
  const rng = mulberry32(options.seed);
  const most = longestRow(inter.rowStart);
  const scratch = new Int32Array(most);
  const marks = new Uint8Array(most);
  const train = new CsrWriter(inter.users, inter.count);
  const held = new CsrWriter(inter.users, inter.count);
  for (let u = 0; u < inter.users; u++) {
    const start = inter.rowStart[u];
    const n = inter.rowStart[u + 1] - start;
    const k = n < 2 ? 0 : Math.min(n - 1, Math.floor(test * n + rng()));
    pickPositions(n, k, rng, scratch, marks);
    for (let p = 0; p < n; p++) (marks[p] ? held : train).push(inter.itemIndex[start + p], inter.values[start + p]);
    train.endRow();
    held.endRow();
  }
  return {
    train: train.finish(`${inter.name} (train)`, inter.userIds, inter.itemIds),
    test: held.finish(`${inter.name} (test)`, inter.userIds, inter.itemIds),
  };
}

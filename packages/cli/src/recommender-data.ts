/**
 * The data side of recommenders in the CLI: which `--data` is a ratings
 * file, reading it as sparse interactions (only the observed entries are
 * held), and the split `hourglass train` makes and `evaluate` redoes from
 * the seed the model saved:
 *
 * - ratings: 10% of each user's ratings held out (Sedhain et al. 2015); the
 *   model's rows are items (I-AutoRec, the default) or users (U-AutoRec);
 * - clicks: 10% of the users held out, each one's clicks split into a
 *   fold-in part (80%, the model's input) and a part to predict (Liang et
 *   al. 2018, strong generalisation).
 */
import { ConfigError } from '@hourglass/core';
import { detectFormat, readInteractions, splitRatings, splitUsers, type Interactions } from '@hourglass/data';
import type { RecommenderMetadata, RecommenderSplit } from './recommender-metadata.js';

/** Held-out fraction of each user's ratings, or of the users, when not given. */
export const DEFAULT_TEST = 0.1;
/** Fraction of a held-out user's clicks given to the model as input. */
export const DEFAULT_FOLD_IN = 0.8;

/** True when `--data` is read as ratings: `--format ratings`, or detected (u.data, ratings.dat, ratings.csv, a userId,movieId,rating header). */
export function isRatingsData(opts: { data: string; format?: string }): boolean {
  if (opts.format !== undefined) return opts.format === 'ratings';
  return detectFormat(opts.data) === 'ratings';
}

/** How to read a ratings file. */
export interface RatingsRead {
  kind: RecommenderMetadata['kind'];
  minRating?: number;
  maxInteractions?: number;
  maxDecompressedBytes?: number;
}

/**
 * Reads a ratings file as sparse interactions: ratings as they are, or for
 * clicks a 1 per kept interaction.
 *
 * @example
 * const all = await readRatingsFile('ratings.csv', { kind: 'clicks', minRating: 3.5 });
 */
export function readRatingsFile(file: string, read: RatingsRead): Promise<Interactions> {
  return readInteractions(file, { implicit: read.kind === 'clicks', minRating: read.minRating, maxInteractions: read.maxInteractions, maxDecompressedBytes: read.maxDecompressedBytes });
}

/** The parts of a split, each in the orientation the model reads. */
export type RecommenderParts =
  | {
      kind: 'ratings';
      /** Training ratings, users x items. */
      train: Interactions;
      /** Held-out ratings, users x items. */
      test: Interactions;
      /** The model's training rows: `train`, or its transpose for item rows. */
      trainRows: Interactions;
      /** The held-out ratings in the same orientation as `trainRows`. */
      testRows: Interactions;
    }
  | {
      kind: 'clicks';
      /** Training users' clicks (the model's rows). */
      train: Interactions;
      trainRows: Interactions;
      /** Held-out users: the clicks given as input, and those to predict (same rows). */
      foldIn: Interactions;
      target: Interactions;
    };

/**
 * Splits the interactions as `split` says and orients the parts for a model with `rows` rows.
 *
 * @example
 * const parts = splitForModel(all, 'ratings', 'items', { seed: 12345, test: 0.1 });
 * parts.trainRows.users; // the number of items
 */
export function splitForModel(all: Interactions, kind: RecommenderMetadata['kind'], rows: RecommenderMetadata['rows'], split: RecommenderSplit): RecommenderParts {
  if (kind === 'ratings') {
    if (!('test' in split)) throw new ConfigError('a ratings model holds out ratings, not users');
    const { train, test } = splitRatings(all, { test: split.test, seed: split.seed });
    return rows === 'items' ? { kind, train, test, trainRows: train.transpose(), testRows: test.transpose() } : { kind, train, test, trainRows: train, testRows: test };
  }
  if (!('heldOut' in split)) throw new ConfigError('a clicks model holds out users, not ratings');
  const { train, foldIn, target } = splitUsers(all, { heldOut: split.heldOut, foldIn: split.foldIn, seed: split.seed });
  return { kind, train, trainRows: train, foldIn, target };
}

/** The lowest and highest stored value (the rating scale seen in training). */
export function valueRange(inter: Interactions): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of inter.values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

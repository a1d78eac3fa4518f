/**
 * Holding out observed entries instead of whole rows: the usual evaluation of
 * recommenders (AutoRec, Mult-VAE), where every user stays in both parts but
 * some of their ratings are hidden from training and scored in the test part.
 */
import { DataError } from './errors.js';
import { shuffleIndices } from './rng.js';
import type { ArrayDataset } from './types.js';

/** Options of splitEntries. */
export interface EntrySplitOptions {
  /** Observed entries to hold out: a count or a fraction in (0, 1) (default 0.1). */
  test?: number;
  /** Seed of the shuffle. */
  seed: number;
}

/**
 * Splits the observed entries (mask = 1; all entries when there is no mask) in
 * two disjoint masks over the same rows and columns. x is zeroed outside each mask.
 *
 * @example
 * const { train, test } = splitEntries(readRatings('u.data'), { test: 0.1, seed: 0 });
 */
export function splitEntries<T extends ArrayDataset>(ds: T, options: EntrySplitOptions): { train: T; test: T } {
  const mask = ds.mask ?? new Float32Array(ds.x.length).fill(1);
  const observed: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) observed.push(i);
  const want = options.test ?? 0.1;
  if (!Number.isFinite(want) || want < 0 || (want >= 1 && !Number.isInteger(want))) {
    throw new DataError(`test must be a count or a fraction in (0, 1), got ${want}`);
  }
  const nTest = want < 1 ? Math.round(want * observed.length) : want;
  if (nTest > observed.length) throw new DataError(`test asks for ${nTest} entries but only ${observed.length} are observed`);
  const order = shuffleIndices(observed.length, options.seed);
  const trainMask = Float32Array.from(mask, (m) => (m !== 0 ? 1 : 0));
  const testMask = new Float32Array(mask.length);
  for (let k = 0; k < nTest; k++) {
    const at = observed[order[k]];
    trainMask[at] = 0;
    testMask[at] = 1;
  }
  const part = (m: Float32Array, suffix: string): T => ({
    ...ds,
    name: `${ds.name}/${suffix}`,
    x: ds.x.map((v, i) => (m[i] ? v : 0)),
    mask: m,
  });
  return { train: part(trainMask, 'train'), test: part(testMask, 'test') };
}

/**
 * Deterministic train / validation / test splits.
 *
 * The rows are put in the order `shuffleIndices(n, seed)` (or kept in file
 * order with `shuffle: false`, e.g. for time series), then cut in three:
 * train first, then validation, then test last. Each part keeps that order.
 */
import { selectRows } from './dataset.js';
import { DataError } from './errors.js';
import { shuffleIndices } from './rng.js';
import type { ArrayDataset } from './types.js';

/** How to split: sizes as a count (an integer >= 1) or a fraction in (0, 1). */
export interface SplitOptions {
  /** Test part: a count or a fraction (default 0.2). */
  test?: number;
  /** Validation part: a count or a fraction (default none). */
  validation?: number;
  /** Seed of the shuffle. */
  seed: number;
  /** Shuffle before cutting (default true). */
  shuffle?: boolean;
}

/** The parts of a split; `validation` only when one was asked for. */
export interface DatasetSplit<T extends ArrayDataset = ArrayDataset> {
  train: T;
  validation?: T;
  test: T;
}

/**
 * Splits a dataset into train, (validation,) and test parts, the same for the same seed.
 *
 * @example
 * const { train, test } = splitDataset(loadDataset('mnist'), { test: 2000, seed: 0 });
 * train.n; // 8000
 */
export function splitDataset<T extends ArrayDataset>(ds: T, options: SplitOptions): DatasetSplit<T> {
  const nTest = partSize(options.test ?? 0.2, ds.n, 'test');
  const nVal = partSize(options.validation ?? 0, ds.n, 'validation');
  const nTrain = ds.n - nTest - nVal;
  if (nTrain < 1) {
    throw new DataError(
      `${ds.name}: cannot split ${ds.n} samples into test ${nTest} and validation ${nVal} and keep any for training`,
    );
  }
  let order: Int32Array;
  if (options.shuffle === false) order = Int32Array.from({ length: ds.n }, (_, i) => i);
  else order = shuffleIndices(ds.n, options.seed);
  const result: DatasetSplit<T> = {
    train: selectRows(ds, order.subarray(0, nTrain), `${ds.name}/train`),
    test: selectRows(ds, order.subarray(nTrain + nVal), `${ds.name}/test`),
  };
  if (nVal > 0) result.validation = selectRows(ds, order.subarray(nTrain, nTrain + nVal), `${ds.name}/validation`);
  return result;
}

function partSize(value: number, n: number, part: string): number {
  if (!Number.isFinite(value) || value < 0) throw new DataError(`${part} must be a count or a fraction in (0, 1), got ${value}`);
  if (value === 0) return 0;
  if (value < 1) return Math.round(value * n);
  if (!Number.isInteger(value)) throw new DataError(`${part} must be a whole count or a fraction in (0, 1), got ${value}`);
  if (value > n) throw new DataError(`${part} asks for ${value} samples but the dataset has only ${n}`);
  return value;
}

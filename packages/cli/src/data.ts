/**
 * The CLI's data step: `--data` names a built-in dataset, a file or a
 * folder (`readData` picks the reader). Built-in image datasets get their
 * standard deterministic split (MNIST: 8,000 train / 2,000 test); other data
 * holds out 20%. The split seed, 12345, makes the MNIST split the very one
 * the Keras and PyTorch reference figures in the README were measured on,
 * so results compare directly.
 *
 * The validation part (`--val-split`) comes from the same shuffle: it is the
 * last rows of the shuffled training part, so every split of a run is cut by
 * one generator (the data package's) from one seed, and the test part is the
 * same with or without validation.
 */
import { ConfigError } from '@hourglass/core';
import { readData, selectRows, splitDataset, type ArrayDataset, type ReadDataOptions } from '@hourglass/data';

/** Data ready for training. */
export interface TrainingData {
  name: string;
  train: ArrayDataset;
  test?: ArrayDataset;
  /** Held out of the training part, when a validation fraction is asked for. */
  validation?: ArrayDataset;
  /** Samples per part and how they were cut: by a seeded shuffle, or (series) by time. */
  split: { train: number; validation?: number; test: number; seed?: number; series?: number; ranges?: unknown; fractions?: { test: number; validation: number } };
}

const STANDARD_TEST: Record<string, number> = { mnist: 2000, 'fashion-mnist': 10000 };
/** Seed of the standard splits. */
export const SPLIT_SEED = 12345;

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

function firstRows(ds: ArrayDataset, limit?: number): ArrayDataset {
  if (limit === undefined || limit >= ds.n) return ds;
  return selectRows(ds, range(0, limit));
}

/**
 * The standard deterministic split of dataset `spec` (MNIST: 8,000 train /
 * 2,000 test, Fashion-MNIST: 60,000 / 10,000, other data 80% / 20%), cut by
 * the seeded shuffle `hourglass train` uses: its test part holds the samples
 * a model trained on `spec` with that seed never saw.
 *
 * @example
 * const unseen = standardSplit(readData('mnist'), 'mnist').test; // 2,000 images
 */
export function standardSplit(ds: ArrayDataset, spec: string, seed = SPLIT_SEED): { train: ArrayDataset; test: ArrayDataset } {
  const test = STANDARD_TEST[spec] ?? Math.max(1, Math.round(ds.n * 0.2));
  return splitDataset(ds, { test, seed });
}

/** Options of loadTrainingData. */
export interface LoadTrainingOptions {
  /** Seed of the shuffle that cuts every part (default SPLIT_SEED). */
  splitSeed?: number;
  /** Keep only the first rows of the training and test parts (quick experiments). */
  limit?: number;
  /** Fraction of the training part held out for validation (default none). */
  validation?: number;
  read?: ReadDataOptions;
}

/**
 * Loads `spec` and splits it deterministically into train, (validation,) and
 * test parts, all from one shuffle.
 *
 * @example
 * const { train, validation, test } = loadTrainingData('mnist', { validation: 0.1 }); // 7,200 / 800 / 2,000
 */
export function loadTrainingData(spec: string, options: LoadTrainingOptions = {}): TrainingData {
  const seed = options.splitSeed ?? SPLIT_SEED;
  const ds = readData(spec, options.read);
  const parts = standardSplit(ds, spec, seed);
  const testSet = parts.test && firstRows(parts.test, options.limit);
  const pool = firstRows(parts.train, options.limit);
  const fraction = options.validation ?? 0;
  if (fraction <= 0) return { name: ds.name, train: pool, test: testSet, split: { train: pool.n, test: testSet?.n ?? 0, seed } };
  const nVal = Math.max(1, Math.round(pool.n * fraction));
  if (nVal >= pool.n) throw new ConfigError(`${ds.name}: a validation split of ${fraction} leaves none of the ${pool.n} training samples for training`);
  const train = selectRows(pool, range(0, pool.n - nVal), `${ds.name}/train`);
  const validation = selectRows(pool, range(pool.n - nVal, pool.n), `${ds.name}/validation`);
  return { name: ds.name, train, validation, test: testSet, split: { train: train.n, validation: nVal, test: testSet?.n ?? 0, seed } };
}

/** The data-reading flags shared by the commands that take `--data`. */
export interface DataFlags {
  label?: string;
  columns?: string;
  window?: number;
  stride?: number;
  missing?: 'error' | 'mask';
  size?: [number, number];
  format?: ReadDataOptions['format'];
  maxPixels?: number;
  maxDecompressedBytes?: number;
  maxEntries?: number;
}

const columnRef = (c: string) => (/^\d+$/.test(c) ? Number(c) : c);

/** Reader options from the data flags (column names, or 0-based indices). */
export function readOptions(flags: DataFlags): ReadDataOptions {
  return {
    label: flags.label === undefined ? undefined : columnRef(flags.label),
    columns: flags.columns?.split(',').map((c) => columnRef(c.trim())),
    window: flags.window ? { window: flags.window, stride: flags.stride ?? 1 } : undefined,
    missing: flags.missing,
    size: flags.size,
    format: flags.format,
    maxPixels: flags.maxPixels,
    maxDecompressedBytes: flags.maxDecompressedBytes,
    maxEntries: flags.maxEntries,
  };
}

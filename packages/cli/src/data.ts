/**
 * The CLI's data step: `--data` names a built-in dataset, a file or a
 * folder (`readData` picks the reader). Built-in image datasets get their
 * standard deterministic split (MNIST: 8,000 train / 2,000 test); other data
 * holds out 20%. The split seed, 12345, makes the MNIST split the very one
 * the Keras and PyTorch reference figures in the README were measured on,
 * so results compare directly.
 */
import { readData, selectRows, splitDataset, type ArrayDataset, type ReadDataOptions } from '@hourglass/data';

/** Data ready for training. */
export interface TrainingData {
  name: string;
  train: ArrayDataset;
  test?: ArrayDataset;
  split: { train: number; test: number; seed: number };
}

const STANDARD_TEST: Record<string, number> = { mnist: 2000, 'fashion-mnist': 10000 };
/** Seed of the standard splits. */
export const SPLIT_SEED = 12345;

function firstRows(ds: ArrayDataset, limit?: number): ArrayDataset {
  if (limit === undefined || limit >= ds.n) return ds;
  return selectRows(ds, Int32Array.from({ length: limit }, (_, i) => i));
}

/**
 * Loads `spec` and splits it deterministically into train and test parts;
 * `limit` keeps only the first rows of each part (quick experiments).
 */
export function loadTrainingData(spec: string, options: { splitSeed?: number; limit?: number; read?: ReadDataOptions } = {}): TrainingData {
  const seed = options.splitSeed ?? SPLIT_SEED;
  const ds = readData(spec, options.read);
  const test = STANDARD_TEST[spec] ?? Math.max(1, Math.round(ds.n * 0.2));
  const parts = splitDataset(ds, { test, seed });
  const train = firstRows(parts.train, options.limit);
  const testSet = parts.test && firstRows(parts.test, options.limit);
  return { name: ds.name, train, test: testSet, split: { train: train.n, test: testSet?.n ?? 0, seed } };
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

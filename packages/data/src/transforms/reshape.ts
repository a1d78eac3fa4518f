/**
 * Changing the sample shape without touching the data: row-major order means a
 * [28, 28, 1] image and a [784] vector hold the same floats in the same order.
 */
import { sampleSize } from '../dataset.js';
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';

/**
 * The same data with a new sampleShape; one dimension may be -1 (inferred). x is shared, not copied.
 *
 * @example
 * reshape(mnist, [28, 28, -1]).sampleShape; // [28, 28, 1]
 */
export function reshape<T extends ArrayDataset>(ds: T, sampleShape: number[]): T {
  const size = sampleSize(ds.sampleShape);
  const free = sampleShape.filter((d) => d === -1).length;
  if (free > 1 || sampleShape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new DataError(`invalid shape [${sampleShape.join(', ')}]: expected non-negative integers and at most one -1`);
  }
  const known = sampleShape.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const shape = sampleShape.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  if (sampleSize(shape) !== size || shape.some((d) => !Number.isInteger(d))) {
    throw new DataError(`${ds.name}: cannot reshape samples of shape [${ds.sampleShape.join(', ')}] (${size} values) to [${sampleShape.join(', ')}]`);
  }
  return { ...ds, sampleShape: shape };
}

/**
 * The same data with flat samples: sampleShape [prod(sampleShape)].
 *
 * @example
 * flatten(mnist).sampleShape; // [784]
 */
export function flatten<T extends ArrayDataset>(ds: T): T {
  return reshape(ds, [sampleSize(ds.sampleShape)]);
}

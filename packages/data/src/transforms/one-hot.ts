import { DataError } from '../errors.js';

/**
 * One-hot rows for class labels: an n x numClasses Float32Array.
 *
 * @example
 * oneHot(new Int32Array([2, 0]), 3); // Float32Array [0, 0, 1, 1, 0, 0]
 */
export function oneHot(labels: ArrayLike<number>, numClasses?: number): Float32Array {
  let k = numClasses ?? 0;
  if (numClasses === undefined) for (let i = 0; i < labels.length; i++) k = Math.max(k, labels[i] + 1);
  const out = new Float32Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new DataError(`label ${c} of sample ${i} is outside 0..${k - 1}`, { sample: i });
    out[i * k + c] = 1;
  }
  return out;
}

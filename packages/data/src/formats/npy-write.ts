/** Writing `.npy` files (Node only): encodeNpy, then the bytes to disk. */
import { writeFileSync } from 'node:fs';
import { asDataError } from '../errors.js';
import { encodeNpy, type NpyWritable } from './npy-encode.js';

/**
 * Writes `data` with the given shape to a `.npy` file.
 *
 * @example
 * writeNpy('codes.npy', codes, [n, 32]); // in Python: np.load('codes.npy').shape == (n, 32)
 */
export function writeNpy(file: string, data: NpyWritable, shape: readonly number[]): void {
  const bytes = encodeNpy(data, shape);
  try {
    writeFileSync(file, bytes);
  } catch (e) {
    throw asDataError(e, 'cannot write', { file });
  }
}

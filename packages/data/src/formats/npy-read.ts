/**
 * Reading `.npy` files (Node only), gzipped or not, as a dataset with optional
 * labels from a second `.npy` file.
 */
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';
import { readFileBytes } from './file-bytes.js';
import { baseName } from './file-name.js';
import type { DecompressOptions } from './limits.js';
import { parseNpy } from './npy.js';
import { parseNpyHeader } from './npy-header.js';
import { dtypeBytes, toFloat32 } from './numbers.js';

/** Options of readNpy. */
export interface NpyOptions extends DecompressOptions {
  /** A `.npy` file of integer labels, shape (n,) or (n, 1). */
  labels?: string;
  /** Divide uint8 data by 255, giving [0, 1] (default true). Other types are kept as they are. */
  scale?: boolean;
  /** NaN in float data: an error (default) or a missing entry (x 0, mask 0). Infinities are always an error. */
  missing?: 'error' | 'mask';
  /** Dataset name (default: the file name). */
  name?: string;
}

/**
 * Reads a `.npy` file as a dataset: shape (n, ...rest) gives n samples of sampleShape
 * rest (or [1] for a 1-D array).
 *
 * @example
 * const ds = readNpy('features.npy', { labels: 'labels.npy' });
 */
export function readNpy(file: string, options: NpyOptions = {}): ArrayDataset {
  const bytes = readFileBytes(file, options);
  const array = parseNpy(bytes, file);
  const { shape } = array;
  if (shape.length === 0) throw new DataError('the array is a scalar (shape ()), expected at least 1 dimension', { file });
  const n = shape[0];
  if (n === 0) throw new DataError(`the array has shape (${shape.join(', ')}), which holds no samples`, { file });
  const sampleShape = shape.length === 1 ? [1] : shape.slice(1);
  const size = array.data.length / n;
  if (size === 0) throw new DataError(`the samples have shape (${sampleShape.join(', ')}), which holds no values`, { file });
  const { dataOffset } = parseNpyHeader(bytes, file);
  const itemBytes = dtypeBytes[array.dtype];
  const mask = options.missing === 'mask' ? new Float32Array(array.data.length) : undefined;
  const divisor = array.dtype === 'uint8' && options.scale !== false ? 255 : 1;
  const x = toFloat32(array.data, divisor, (i) => ({ file, sample: Math.floor(i / size), offset: dataOffset + i * itemBytes }), mask);
  const ds: ArrayDataset = { name: options.name ?? baseName(file), x, n, sampleShape };
  if (mask && mask.includes(0)) ds.mask = mask;
  if (options.labels !== undefined) ds.labels = readNpyLabels(options.labels, n, options);
  return ds;
}

function readNpyLabels(file: string, n: number, options: DecompressOptions): Int32Array {
  const bytes = readFileBytes(file, options);
  const { dtype, shape, data } = parseNpy(bytes, file);
  if (dtype === 'float32' || dtype === 'float64') {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isInteger(data[i])) throw new DataError(`label ${data[i]} is not a whole number, expected integer class indices`, { file, sample: i });
    }
  }
  const ok = (shape.length === 1 && shape[0] === n) || (shape.length === 2 && shape[0] === n && shape[1] === 1);
  if (!ok) throw new DataError(`the labels array has shape (${shape.join(', ')}), expected (${n},) (one label per sample)`, { file });
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v < 0 || v > 0x7fffffff) throw new DataError(`label ${v} is out of range, expected a class index >= 0`, { file, sample: i });
    out[i] = v;
  }
  return out;
}

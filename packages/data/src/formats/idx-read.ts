/**
 * Reading IDX files (Node only), gzipped or not, as a dataset with optional
 * labels from a second IDX file.
 */
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';
import { readFileBytes } from './file-bytes.js';
import { baseName } from './file-name.js';
import { parseIdx } from './idx.js';
import type { DecompressOptions } from './limits.js';
import { dtypeBytes, toFloat32 } from './numbers.js';

/** Options of readIdx. */
export interface IdxOptions extends DecompressOptions {
  /** An IDX file of labels (one integer per sample), e.g. `train-labels-idx1-ubyte.gz`. */
  labels?: string;
  /** Divide uint8 data by 255, giving [0, 1] (default true). Other types are kept as they are. */
  scale?: boolean;
  /** Dataset name (default: the file name). */
  name?: string;
}

/**
 * Reads an IDX file (gzipped or not) as a dataset; a 3-D file [n, h, w] gives
 * sampleShape [h, w, 1], a 2-D file [n, f] gives [f].
 *
 * @example
 * const train = readIdx('train-images-idx3-ubyte.gz', { labels: 'train-labels-idx1-ubyte.gz' });
 * train.sampleShape; // [28, 28, 1]
 */
export function readIdx(file: string, options: IdxOptions = {}): ArrayDataset {
  const images = parseIdx(readFileBytes(file, options), file);
  const n = images.shape[0];
  if (n === 0) throw new DataError('the IDX file holds 0 samples, expected at least 1', { file });
  const rest = images.shape.slice(1);
  if (rest.includes(0)) throw new DataError(`the IDX samples have shape [${rest.join(', ')}], which holds no values`, { file, offset: 8 });
  const sampleShape = rest.length === 0 ? [1] : rest.length === 2 ? [...rest, 1] : rest;
  const size = images.data.length / n;
  const divisor = images.dtype === 'uint8' && options.scale !== false ? 255 : 1;
  const headerBytes = 4 + 4 * images.shape.length;
  const itemBytes = dtypeBytes[images.dtype];
  const x = toFloat32(images.data, divisor, (i) => ({ file, sample: Math.floor(i / size), offset: headerBytes + i * itemBytes }));
  const ds: ArrayDataset = { name: options.name ?? baseName(file), x, n, sampleShape };
  if (options.labels !== undefined) ds.labels = readIdxLabels(options.labels, n, options);
  return ds;
}

function readIdxLabels(file: string, n: number, options: DecompressOptions): Int32Array {
  const labels = parseIdx(readFileBytes(file, options), file);
  if (labels.dtype === 'float32' || labels.dtype === 'float64') {
    throw new DataError(`labels must be integers, found ${labels.dtype}`, { file, offset: 2 });
  }
  const count = labels.shape.reduce((a, b) => a * b, 1);
  if (labels.shape[0] !== n || count !== n) {
    throw new DataError(
      `the labels file has shape [${labels.shape.join(', ')}], expected [${n}] (one label per sample)`,
      { file, offset: 4 },
    );
  }
  const out = new Int32Array(n);
  const headerBytes = 4 + 4 * labels.shape.length;
  for (let i = 0; i < n; i++) {
    const v = labels.data[i];
    if (v < 0) throw new DataError(`label ${v} is negative, expected a class index >= 0`, { file, sample: i, offset: headerBytes + i * dtypeBytes[labels.dtype] });
    out[i] = v;
  }
  return out;
}

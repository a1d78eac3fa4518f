/**
 * Parsing NumPy `.npy` files: C-ordered arrays of the common numeric dtypes,
 * either byte order. The first axis is the sample axis. The data must be
 * exactly as long as the header says (a short file or trailing bytes are errors).
 * Parsing only; readNpy (npy-read.ts) reads files.
 */
import { DataError } from '../errors.js';
import { parseNpyHeader } from './npy-header.js';
import { decodeNumbers, dtypeBytes, type NumericArray, type NumericDtype } from './numbers.js';

/** A decoded NPY array. */
export interface NpyArray {
  dtype: NumericDtype;
  shape: number[];
  /** The elements in C order; int64/uint64 arrive as a Float64Array. */
  data: NumericArray;
}

/**
 * Decodes a whole `.npy` file held in memory.
 *
 * @example
 * const { dtype, shape, data } = parseNpy(readFileSync('codes.npy'), 'codes.npy');
 */
export function parseNpy(bytes: Uint8Array, file?: string): NpyArray {
  const header = parseNpyHeader(bytes, file);
  const { dtype, shape, dataOffset } = header;
  const count = shape.reduce((a, b) => a * b, 1);
  const itemBytes = dtypeBytes[dtype];
  const expected = dataOffset + count * itemBytes;
  if (bytes.length < expected) {
    const sampleBytes = shape.length > 0 && shape[0] > 0 ? (count / shape[0]) * itemBytes : 0;
    throw new DataError(
      `truncated NPY data: the header promises shape (${shape.join(', ')}) of ${dtype} (${expected} bytes), the file has ${bytes.length} bytes`,
      { file, sample: sampleBytes > 0 ? Math.floor((bytes.length - dataOffset) / sampleBytes) : undefined, offset: bytes.length },
    );
  }
  if (bytes.length > expected) {
    throw new DataError(
      `${bytes.length - expected} unexpected bytes after the NPY data (shape (${shape.join(', ')}) of ${dtype} ends at byte ${expected})`,
      { file, offset: expected },
    );
  }
  const data = decodeNumbers(bytes, dataOffset, count, dtype, header.littleEndian, (i) => ({ file, offset: dataOffset + i * itemBytes }));
  return { dtype, shape, data };
}

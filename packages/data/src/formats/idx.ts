/**
 * The IDX format of the original MNIST / Fashion-MNIST files
 * (`train-images-idx3-ubyte`, optionally `.gz`): two zero bytes, a type code,
 * the number of dimensions, each dimension as a big-endian uint32, then the
 * elements, big-endian, row-major. The first dimension is the sample count.
 * Files must be exact: a short file or trailing bytes are errors.
 * Parsing only; readIdx (idx-read.ts) reads files.
 */
import { DataError } from '../errors.js';
import { rejectGzip } from './gzip.js';
import { decodeNumbers, dtypeBytes, type NumericArray, type NumericDtype } from './numbers.js';

const typeCodes: Record<number, NumericDtype> = {
  0x08: 'uint8', 0x09: 'int8', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64',
};

/** The header of an IDX file. */
export interface IdxHeader {
  dtype: NumericDtype;
  /** All dimensions; shape[0] is the number of samples. */
  shape: number[];
  /** Bytes before the first element. */
  headerBytes: number;
}

/** A decoded IDX array. */
export interface IdxArray {
  dtype: NumericDtype;
  shape: number[];
  data: NumericArray;
}

/**
 * Reads an IDX header from the first bytes of a file (at least 4 + 4 * ndims).
 *
 * @example
 * parseIdxHeader(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3])); // { dtype: 'uint8', shape: [3], headerBytes: 8 }
 */
export function parseIdxHeader(bytes: Uint8Array, file?: string): IdxHeader {
  if (bytes.length === 0) throw new DataError('empty file, expected an IDX header', { file, offset: 0 });
  rejectGzip(bytes, file);
  if (bytes.length < 4) {
    throw new DataError(`truncated IDX header: expected 4 magic bytes, the file has ${bytes.length}`, { file, offset: bytes.length });
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataError(
      `not an IDX file: expected the magic number to start with bytes 00 00, found ${hex(bytes[0])} ${hex(bytes[1])}`,
      { file, offset: bytes[0] !== 0 ? 0 : 1 },
    );
  }
  const dtype = typeCodes[bytes[2]];
  if (!dtype) {
    throw new DataError(
      `unknown IDX element type ${hex(bytes[2])}: expected 08 (uint8), 09 (int8), 0b (int16), 0c (int32), 0d (float32) or 0e (float64)`,
      { file, offset: 2 },
    );
  }
  const ndims = bytes[3];
  if (ndims === 0) throw new DataError('IDX header declares 0 dimensions, expected at least 1', { file, offset: 3 });
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new DataError(
      `truncated IDX header: ${ndims} dimensions need ${headerBytes} header bytes, the file has ${bytes.length}`,
      { file, offset: bytes.length },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < ndims; d++) shape.push(view.getUint32(4 + 4 * d, false));
  return { dtype, shape, headerBytes };
}

/**
 * Decodes a whole IDX file held in memory (already un-gzipped).
 *
 * @example
 * const { shape, data } = parseIdx(bytes, 'train-images-idx3-ubyte'); // shape [60000, 28, 28], Uint8Array
 */
export function parseIdx(bytes: Uint8Array, file?: string): IdxArray {
  const { dtype, shape, headerBytes } = parseIdxHeader(bytes, file);
  const count = shape.reduce((a, b) => a * b, 1);
  const itemBytes = dtypeBytes[dtype];
  const expected = headerBytes + count * itemBytes;
  if (bytes.length < expected) {
    const sampleBytes = (count / Math.max(shape[0], 1)) * itemBytes;
    const sample = sampleBytes > 0 ? Math.floor((bytes.length - headerBytes) / sampleBytes) : 0;
    throw new DataError(
      `truncated IDX data: the header promises shape [${shape.join(', ')}] of ${dtype} (${expected} bytes), the file has ${bytes.length} bytes`,
      { file, sample, offset: bytes.length },
    );
  }
  if (bytes.length > expected) {
    throw new DataError(
      `${bytes.length - expected} unexpected bytes after the IDX data (shape [${shape.join(', ')}] of ${dtype} ends at byte ${expected})`,
      { file, offset: expected },
    );
  }
  const data = decodeNumbers(bytes, headerBytes, count, dtype, false, (i) => ({ file, offset: headerBytes + i * itemBytes }));
  return { dtype, shape, data };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}


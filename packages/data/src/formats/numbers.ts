/**
 * Binary numbers shared by the IDX and NPY readers: element types, decoding a
 * byte range of either endianness into a typed array, and checking that float
 * data holds only finite values.
 */
import { DataError, type DataErrorLocation } from '../errors.js';

/** The element types the binary readers understand. int64/uint64 arrive as Float64Array (exact up to 2^53). */
export type NumericDtype =
  | 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'int64' | 'uint64' | 'float32' | 'float64' | 'bool';

/** The typed array each dtype decodes to. */
export type NumericArray =
  | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Bytes per element of each dtype. */
export const dtypeBytes: Record<NumericDtype, number> = {
  uint8: 1, int8: 1, bool: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, float32: 4, int64: 8, uint64: 8, float64: 8,
};

/**
 * Decodes `count` elements starting at `offset`. `where(i)` locates element i for error messages.
 */
export function decodeNumbers(
  bytes: Uint8Array,
  offset: number,
  count: number,
  dtype: NumericDtype,
  littleEndian: boolean,
  where: (index: number) => DataErrorLocation,
): NumericArray {
  const size = dtypeBytes[dtype];
  const copy = new Uint8Array(count * size); // a fresh, aligned buffer (Buffer#slice would not copy)
  copy.set(bytes.subarray(offset, offset + count * size));
  if (!littleEndian && size > 1) swapBytes(copy, size);
  const buf = copy.buffer;
  switch (dtype) {
    case 'uint8': return new Uint8Array(buf);
    case 'bool': return new Uint8Array(buf);
    case 'int8': return new Int8Array(buf);
    case 'uint16': return new Uint16Array(buf);
    case 'int16': return new Int16Array(buf);
    case 'uint32': return new Uint32Array(buf);
    case 'int32': return new Int32Array(buf);
    case 'float32': return new Float32Array(buf);
    case 'float64': return new Float64Array(buf);
    case 'int64':
    case 'uint64': {
      const big = dtype === 'int64' ? new BigInt64Array(buf) : new BigUint64Array(buf);
      const out = new Float64Array(count);
      const limit = BigInt(Number.MAX_SAFE_INTEGER);
      for (let i = 0; i < count; i++) {
        const v = big[i];
        if (v > limit || v < -limit) {
          throw new DataError(`${dtype} value ${v} is too large to represent exactly (expected |value| <= 2^53)`, where(i));
        }
        out[i] = Number(v);
      }
      return out;
    }
  }
}

/** Reverses the byte order of each `size`-byte element, in place. */
export function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/**
 * Copies numbers into a Float32Array, optionally dividing by `divisor`, and
 * rejects NaN and infinities. With `mask` given, NaN becomes a missing entry
 * (value 0, mask 0) instead of an error; infinities are always an error.
 */
export function toFloat32(
  data: NumericArray,
  divisor: number,
  where: (index: number) => DataErrorLocation,
  mask?: Float32Array,
): Float32Array {
  const out = new Float32Array(data.length);
  const isFloat = data instanceof Float32Array || data instanceof Float64Array;
  if (mask) mask.fill(1);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (isFloat && !Number.isFinite(v)) {
      if (Number.isNaN(v) && mask) {
        mask[i] = 0;
        out[i] = 0;
        continue;
      }
      const hint = Number.isNaN(v) ? ['use ', { option: 'missing', value: 'mask' }, ' to treat NaN as missing'] : undefined;
      throw new DataError(`found ${v}, expected a finite number`, { ...where(i), hint });
    }
    const f = divisor === 1 ? v : v / divisor;
    if (!Number.isFinite(Math.fround(f))) {
      throw new DataError(`value ${v} does not fit in float32 (expected |value| < 3.4e38)`, where(i));
    }
    out[i] = f;
  }
  return out;
}

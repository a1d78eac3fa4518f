/**
 * Encoding NumPy `.npy` files (format 1.0, or 2.0 for very long headers),
 * little-endian, C order, with the header padded so that the data starts on a
 * 64-byte boundary, as numpy itself does. Used to export codes and features.
 */
import { DataError } from '../errors.js';
import { swapBytes } from './numbers.js';

/** Typed arrays that can be written to `.npy`. */
export type NpyWritable = Float32Array | Float64Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function descrOf(data: NpyWritable): NpyDescr {
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Int32Array) return '<i4';
  if (data instanceof Uint32Array) return '<u4';
  if (data instanceof Int16Array) return '<i2';
  if (data instanceof Uint16Array) return '<u2';
  if (data instanceof Int8Array) return '|i1';
  return '|u1';
}

/** The element types a `.npy` header can name, by their NumPy `descr`. */
export type NpyDescr = '<f4' | '<f8' | '<i4' | '<u4' | '<i2' | '<u2' | '|i1' | '|u1';

/**
 * The header of a `.npy` file (magic, version, length, dictionary padded to a
 * 64-byte boundary): write it, then the values row-major and little-endian,
 * to stream a file too large to hold in memory.
 *
 * @example
 * const header = encodeNpyHeader('<f4', [1_000_000, 28, 28, 1]); // then write the float32 rows after it
 */
export function encodeNpyHeader(descr: NpyDescr, shape: readonly number[]): Uint8Array {
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new DataError(`shape must hold non-negative integers, got [${shape.join(', ')}]`);
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tuple}, }`;
  const version = dict.length + 11 > 0xffff ? 2 : 1;
  const preamble = version === 1 ? 10 : 12;
  const total = Math.ceil((preamble + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - preamble - 1, ' ') + '\n';
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, dict.length, true);
  else view.setUint32(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[preamble + i] = dict.charCodeAt(i);
  return out;
}

/**
 * The bytes of a `.npy` file holding `data` with the given shape.
 *
 * @example
 * const bytes = encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]); // np.load gives a 2x3 float32 array
 */
export function encodeNpy(data: NpyWritable, shape: readonly number[]): Uint8Array {
  const header = encodeNpyHeader(descrOf(data), shape);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new DataError(`shape [${shape.join(', ')}] holds ${count} values, but the data has ${data.length}`);
  const total = header.length;
  const out = new Uint8Array(total + data.byteLength);
  out.set(header);
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  out.set(body, total);
  if (!hostLittleEndian && data.BYTES_PER_ELEMENT > 1) swapBytes(out.subarray(total), data.BYTES_PER_ELEMENT);
  return out;
}

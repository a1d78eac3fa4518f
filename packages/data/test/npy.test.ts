import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeNpy, encodeNpyHeader, parseNpy, parseNpyHeader, readNpy, writeNpy } from '../src/index.js';
import { expectDataError, put, tempDir } from './helpers.js';

const dir = tempDir();

/** An .npy file with a hand-written header, as numpy writes it (padded to 64 bytes). */
function npy(header: string, body: Uint8Array, version = 1): Uint8Array {
  const pre = version === 1 ? 10 : 12;
  const total = Math.ceil((pre + header.length + 1) / 64) * 64;
  const text = header.padEnd(total - pre - 1, ' ') + '\n';
  const out = new Uint8Array(total + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[pre + i] = text.charCodeAt(i);
  out.set(body, total);
  return out;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('encodeNpy / writeNpy', () => {
  it('writes exactly what numpy writes for a float32 array', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const bytes = encodeNpy(data, [2, 3]);
    expect(bytes).toEqual(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", bytesOf(data)));
    expect(bytes.length).toBe(128 + 24); // header padded to a multiple of 64
    expect(encodeNpy(new Int32Array([1, 2]), [2]).subarray(10, 70)).toEqual(
      npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(0)).subarray(10, 70),
    );
  });

  it('encodeNpyHeader is the head of encodeNpy, for streaming a body written afterwards', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const header = encodeNpyHeader('<f4', [2, 3]);
    expect(header).toEqual(encodeNpy(data, [2, 3]).subarray(0, header.length));
    expect(header.length % 64).toBe(0);
    expect(parseNpyHeader(encodeNpyHeader('<f4', [5_000_000, 28, 28, 1]))).toMatchObject({ shape: [5_000_000, 28, 28, 1] });
  });

  it('round-trips every writable type through a file', () => {
    const cases = [
      new Float32Array([0.5, -1, 3]), new Float64Array([1e-300, 2, 3]), new Int32Array([-5, 0, 7]),
      new Uint8Array([0, 128, 255]), new Int8Array([-1, 2, 3]), new Int16Array([-300, 1, 2]), new Uint16Array([60000, 1, 2]), new Uint32Array([4e9, 1, 2]),
    ];
    for (const data of cases) {
      const file = `${dir}/rt.npy`;
      writeNpy(file, data, [3, 1]);
      const back = parseNpy(new Uint8Array(require('node:fs').readFileSync(file)));
      expect(back.shape).toEqual([3, 1]);
      expect(Array.from(back.data)).toEqual(Array.from(data));
    }
  });

  it('rejects a shape that does not match the data', () => {
    expectDataError(() => encodeNpy(new Float32Array(5), [2, 3]), { message: /holds 6 values, but the data has 5/ });
  });
});

describe('readNpy', () => {
  it('reads (n, ...) arrays as n samples, uint8 scaled, with labels', () => {
    const file = put(dir, 'imgs.npy', encodeNpy(new Uint8Array([0, 255, 51, 102]), [2, 2, 1]));
    const labels = put(dir, 'labels.npy', npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", bytesOf(new BigInt64Array([3n, 1n]))));
    const ds = readNpy(file, { labels });
    expect(ds.n).toBe(2);
    expect(ds.sampleShape).toEqual([2, 1]);
    expect(Array.from(ds.x)).toEqual([0, 1, 0.2, 0.4].map(Math.fround));
    expect(Array.from(ds.labels!)).toEqual([3, 1]);
    expect(readNpy(file, { scale: false }).x[1]).toBe(255);
    expect(readNpy(put(dir, 'vec.npy', encodeNpy(new Float64Array([1, 2, 3]), [3]))).sampleShape).toEqual([1]);
  });

  it('reads big-endian data, version 2 headers, bools and gzip', () => {
    const be = new Uint8Array(8);
    new DataView(be.buffer).setFloat32(0, 1.5, false);
    new DataView(be.buffer).setFloat32(4, -2, false);
    expect(Array.from(parseNpy(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", be)).data)).toEqual([1.5, -2]);
    expect(parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", bytesOf(new Float32Array([7])), 2)).data[0]).toBe(7);
    expect(Array.from(parseNpy(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", new Uint8Array([1, 0]))).data)).toEqual([1, 0]);
    const file = put(dir, 'z.npy.gz', gzipSync(encodeNpy(new Float32Array([1, 2]), [2, 1])));
    expect(Array.from(readNpy(file).x)).toEqual([1, 2]);
  });

  it('keeps NaN as missing with missing: "mask"', () => {
    const file = put(dir, 'nan.npy', encodeNpy(new Float32Array([1, NaN, 3, 4]), [2, 2]));
    const ds = readNpy(file, { missing: 'mask' });
    expect(Array.from(ds.mask!)).toEqual([1, 0, 1, 1]);
    expect(ds.x[1]).toBe(0);
  });
});

describe('readNpy on bad input', () => {
  const good = encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2]);

  it('an empty file and a truncated header', () => {
    expectDataError(() => readNpy(put(dir, 'empty.npy', new Uint8Array(0))), { offset: 0, message: /empty file/ });
    const file = put(dir, 'h.npy', good.subarray(0, 40));
    expectDataError(() => readNpy(file), { file, offset: 40, message: /truncated NPY header: the header needs 128 bytes/ });
    expectDataError(() => readNpy(put(dir, 'h2.npy', good.subarray(0, 8))), { offset: 8, message: /truncated NPY header/ });
    expectDataError(() => readNpy(put(dir, 'h3.npy', good.subarray(0, 3))), { offset: 3, message: /magic string/ });
  });

  it('truncated data, naming the sample and offset', () => {
    const file = put(dir, 'd.npy', good.subarray(0, 128 + 8 + 3));
    expectDataError(() => readNpy(file), { file, row: 1, offset: 139, message: /truncated NPY data: .*shape \(3, 2\)/ });
  });

  it('an unsupported dtype, a structured dtype, fortran order', () => {
    const complex = put(dir, 'c.npy', npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)));
    expectDataError(() => readNpy(complex), { file: complex, offset: 12, message: /unsupported NPY dtype '<c8'/ });
    expectDataError(() => readNpy(put(dir, 'h.npy', npy("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(2)))), { message: /'<f2'/ });
    expectDataError(() => readNpy(put(dir, 's.npy', npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)))), {
      message: /structured NPY dtypes/,
    });
    const fortran = put(dir, 'f.npy', npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new Uint8Array(16)));
    expectDataError(() => readNpy(fortran), { file: fortran, offset: 10 + 18, message: /fortran_order is True.*ascontiguousarray/ });
  });

  it('a malformed header dict, a bad magic, an unknown version', () => {
    expectDataError(() => parseNpy(npy("{'descr': '<f4', 'fortran_order' False}", new Uint8Array(0))), { offset: 10 + 33, message: /malformed NPY header: expected ':'/ });
    expectDataError(() => parseNpy(npy("{'descr': '<f4', 'shape': (1,)}", new Uint8Array(4))), { message: /no 'fortran_order' entry/ });
    expectDataError(() => parseNpy(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x58, 1, 0, 0, 0])), { offset: 5, message: /not an NPY file/ });
    const v9 = good.slice();
    v9[6] = 9;
    expectDataError(() => parseNpy(v9), { offset: 6, message: /version 9\.0/ });
  });

  it('NaN and infinities', () => {
    const file = put(dir, 'inf.npy', encodeNpy(new Float64Array([1, 2, Infinity, 4]), [2, 2]));
    expectDataError(() => readNpy(file), { file, row: 1, offset: 128 + 16, message: /found Infinity, expected a finite number/ });
    expectDataError(() => readNpy(file, { missing: 'mask' }), { row: 1, message: /Infinity/ });
    expectDataError(() => readNpy(put(dir, 'nan2.npy', encodeNpy(new Float32Array([NaN]), [1, 1]))), { row: 0, message: /missing: 'mask'/ });
  });

  it('trailing bytes, a scalar, labels of the wrong length', () => {
    expectDataError(() => readNpy(put(dir, 't.npy', new Uint8Array([...good, 0]))), { offset: good.length, message: /1 unexpected bytes/ });
    expectDataError(() => readNpy(put(dir, 'sc.npy', npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", new Uint8Array(4)))), { message: /scalar/ });
    const labels = put(dir, 'l2.npy', encodeNpy(new Int32Array([1, 2]), [2]));
    expectDataError(() => readNpy(put(dir, 'ok.npy', good), { labels }), { file: labels, message: /expected \(3,\)/ });
  });

  it('parses headers on their own', () => {
    expect(parseNpyHeader(good)).toEqual({ dtype: 'float32', descr: '<f4', littleEndian: true, shape: [3, 2], dataOffset: 128 });
  });
});

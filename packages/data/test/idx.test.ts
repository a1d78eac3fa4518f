import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseIdx, parseIdxHeader, readIdx } from '../src/index.js';
import { encodeIdx, expectDataError, put, tempDir } from './helpers.js';

const dir = tempDir();

describe('readIdx', () => {
  const pixels = Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 20);
  const images = encodeIdx(pixels, [3, 2, 2]);
  const labels = encodeIdx([7, 0, 3], [3]);

  it('reads images [n, h, w] as [h, w, 1] scaled to [0, 1], with a labels file', () => {
    const file = put(dir, 'train-images-idx3-ubyte', images);
    const ds = readIdx(file, { labels: put(dir, 'train-labels-idx1-ubyte', labels) });
    expect(ds.n).toBe(3);
    expect(ds.sampleShape).toEqual([2, 2, 1]);
    expect(ds.x[1]).toBeCloseTo(20 / 255);
    expect(Array.from(ds.labels!)).toEqual([7, 0, 3]);
    expect(ds.name).toBe('train-images-idx3-ubyte');
  });

  it('reads gzipped files and keeps raw values with scale: false', () => {
    const file = put(dir, 'images.idx.gz', gzipSync(images));
    const ds = readIdx(file, { scale: false });
    expect(Array.from(ds.x)).toEqual(Array.from(pixels));
  });

  it('reads the other element types, big-endian', () => {
    const f = parseIdx(encodeIdx([1.5, -2, 3e10, 0], [2, 2], 'float32'));
    expect(f.dtype).toBe('float32');
    expect(Array.from(f.data)).toEqual([1.5, -2, Math.fround(3e10), 0]);
    expect(Array.from(parseIdx(encodeIdx([-300, 300], [2], 'int16')).data)).toEqual([-300, 300]);
    expect(Array.from(parseIdx(encodeIdx([-7, 1e9], [2], 'int32')).data)).toEqual([-7, 1e9]);
    expect(Array.from(parseIdx(encodeIdx([1e300, -1], [2], 'float64')).data)).toEqual([1e300, -1]);
    expect(Array.from(parseIdx(encodeIdx([-128, 127], [2], 'int8')).data)).toEqual([-128, 127]);
    const ds = readIdx(put(dir, 'f.idx', encodeIdx([1, 2, 3, 4, 5, 6], [2, 3], 'float32')));
    expect(ds.sampleShape).toEqual([3]);
  });

  it('parses a header alone', () => {
    expect(parseIdxHeader(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3]))).toEqual({ dtype: 'uint8', shape: [3], headerBytes: 8 });
  });
});

describe('readIdx on bad input', () => {
  it('an empty file', () => {
    expectDataError(() => readIdx(put(dir, 'empty.idx', new Uint8Array(0))), { offset: 0, message: /empty file/ });
  });

  it('a header cut inside the magic number', () => {
    const file = put(dir, 'short.idx', new Uint8Array([0, 0, 8]));
    expectDataError(() => readIdx(file), { file, offset: 3, message: /truncated IDX header: expected 4 magic bytes/ });
  });

  it('a header cut inside the dimensions', () => {
    const file = put(dir, 'dims.idx', images3().subarray(0, 10));
    expectDataError(() => readIdx(file), { file, offset: 10, message: /3 dimensions need 16 header bytes/ });
  });

  it('data shorter than the header promises, naming the sample and byte offset', () => {
    const full = images3();
    const file = put(dir, 'cut.idx', full.subarray(0, 16 + 4 + 2)); // one whole 2x2 sample, then 2 bytes
    expectDataError(() => readIdx(file), { file, row: 1, offset: 22, message: /truncated IDX data: .*shape \[3, 2, 2\]/ });
  });

  it('trailing bytes, a wrong magic number, an unknown type', () => {
    const full = images3();
    expectDataError(() => readIdx(put(dir, 'long.idx', new Uint8Array([...full, 1, 2]))), { offset: full.length, message: /2 unexpected bytes/ });
    expectDataError(() => readIdx(put(dir, 'magic.idx', new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]))), { offset: 0, message: /not an IDX file/ });
    expectDataError(() => readIdx(put(dir, 'type.idx', new Uint8Array([0, 0, 7, 1, 0, 0, 0, 0]))), { offset: 2, message: /unknown IDX element type 07/ });
    expectDataError(() => readIdx(put(dir, 'nodims.idx', new Uint8Array([0, 0, 8, 0]))), { offset: 3, message: /0 dimensions/ });
  });

  it('a damaged gzip file', () => {
    const gz = gzipSync(images3());
    const file = put(dir, 'bad.idx.gz', gz.subarray(0, gz.length - 10));
    expectDataError(() => readIdx(file), { file, message: /not a valid gzip file/ });
  });

  it('a labels file that does not match', () => {
    const file = put(dir, 'ok.idx', images3());
    const labels = put(dir, 'labels.idx', encodeIdx([1, 2], [2]));
    expectDataError(() => readIdx(file, { labels }), { file: labels, message: /shape \[2\], expected \[3\]/ });
    const floats = put(dir, 'flabels.idx', encodeIdx([1, 2, 3], [3], 'float32'));
    expectDataError(() => readIdx(file, { labels: floats }), { file: floats, message: /labels must be integers/ });
  });

  it('a missing file or a folder', () => {
    expectDataError(() => readIdx(`${dir}/nope.idx`), { file: `${dir}/nope.idx`, message: /no such file/ });
    expectDataError(() => readIdx(dir), { file: dir, message: /is a folder/ });
  });

  it('NaN in float data', () => {
    const file = put(dir, 'nan.idx', encodeIdx([1, NaN, 2, 3], [2, 2], 'float32'));
    expectDataError(() => readIdx(file), { file, row: 0, offset: 12 + 4, message: /found NaN, expected a finite number/ });
  });
});

function images3(): Uint8Array {
  return encodeIdx(new Uint8Array(12), [3, 2, 2]);
}

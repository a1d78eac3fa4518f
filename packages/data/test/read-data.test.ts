import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat, encodeNpy, readData } from '../src/index.js';
import { encodeIdx, expectDataError, png, put, tempDir } from './helpers.js';

const dir = tempDir();

describe('readData', () => {
  it('picks the reader by extension', () => {
    expect(readData(put(dir, 'a.csv', 'x,y\n1,2\n')).columns).toEqual(['x', 'y']);
    expect(readData(put(dir, 'a.npy', encodeNpy(new Float32Array(6), [3, 2]))).n).toBe(3);
    expect(readData(put(dir, 'u.data', '1\t2\t3\t4\n')).sampleShape).toEqual([1]);
    expect(readData(put(dir, 'p.png', png(2, 2, () => [9, 9, 9]))).sampleShape).toEqual([2, 2, 1]);
    expect(detectFormat(join(dir, 'a.npy'))).toBe('npy');
  });

  it('pairs IDX images with their labels file automatically', () => {
    put(dir, 'train-images-idx3-ubyte.gz', gzipSync(encodeIdx(new Uint8Array(8), [2, 2, 2])));
    put(dir, 'train-labels-idx1-ubyte.gz', gzipSync(encodeIdx([4, 2], [2])));
    const ds = readData(join(dir, 'train-images-idx3-ubyte.gz'));
    expect(ds.sampleShape).toEqual([2, 2, 1]);
    expect(Array.from(ds.labels!)).toEqual([4, 2]);
    expect(readData(join(dir, 'train-images-idx3-ubyte.gz'), { labels: false }).labels).toBeUndefined();
  });

  it('sniffs the content when the name says nothing', () => {
    const npy = put(dir, 'blob1', encodeNpy(new Float32Array(2), [2]));
    const idx = put(dir, 'blob2', encodeIdx([1, 2], [2]));
    const ratings = put(dir, 'blob3', 'userId,movieId,rating,timestamp\n1,2,3,4\n');
    const csv = put(dir, 'blob4', '1 2 3\n4 5 6\n');
    const gz = put(dir, 'blob5', gzipSync(encodeNpy(new Float32Array(2), [2])));
    expect([npy, idx, ratings, csv, gz].map(detectFormat)).toEqual(['npy', 'idx', 'ratings', 'csv', 'npy']);
    expect(readData(csv).sampleShape).toEqual([3]);
    expect(readData(gz).n).toBe(2);
  });

  it('reads a folder as images and a dataset name as a built-in dataset', () => {
    const images = join(dir, 'imgs');
    mkdirSync(images);
    put(images, '1.png', png(2, 2, () => [1, 2, 3]));
    expect(readData(images).sampleShape).toEqual([2, 2, 3]);
    expect(detectFormat('mnist')).toBe('dataset');
  });

  it('cuts time series into windows', () => {
    const file = put(dir, 'series.csv', 't,v\n' + Array.from({ length: 10 }, (_, i) => `${i},${i * 2}`).join('\n'));
    const ds = readData(file, { columns: ['v'], window: { window: 4, stride: 2, horizon: 1 } });
    expect(ds.sampleShape).toEqual([4, 1]);
    expect(ds.n).toBe(3);
  });

  it('explains what it cannot read', () => {
    expectDataError(() => readData(join(dir, 'missing.csv')), { file: join(dir, 'missing.csv'), message: /not a built-in dataset/ });
    const bin = put(dir, 'blob6', new Uint8Array([1, 2, 0, 4, 5]));
    expectDataError(() => readData(bin), { file: bin, offset: 2, message: /unrecognised binary file/ });
    // a misnamed file gets the named reader's precise error
    const fake = put(dir, 'fake.npy', 'a,b\n1,2\n');
    expectDataError(() => readData(fake), { file: fake, offset: 0, message: /not an NPY file/ });
    expectDataError(() => readData(fake, { format: 'nope' as never }), { message: /unknown format/ });
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage, readImageFiles, readImageFolder } from '../src/index.js';
import { expectDataError, png, put, tempDir } from './helpers.js';

const root = tempDir();

describe('readImageFolder', () => {
  it('reads gray PNGs as [h, w, 1] in [0, 1], sorted by file name', () => {
    const dir = join(root, 'gray');
    mkdirSync(dir);
    put(dir, 'b.png', png(3, 2, () => [255, 255, 255]));
    put(dir, 'a.png', png(3, 2, (x) => [x * 100, x * 100, x * 100]));
    put(dir, 'notes.txt', 'ignored');
    const ds = readImageFolder(dir);
    expect(ds.n).toBe(2);
    expect(ds.sampleShape).toEqual([2, 3, 1]);
    expect(ds.name).toBe('gray');
    expect(Array.from(ds.x.subarray(0, 3)).map((v) => Math.round(v * 255))).toEqual([0, 100, 200]);
    expect(ds.x[6]).toBeCloseTo(1);
  });

  it('reads RGB images as 3 channels and class sub-folders as labels', () => {
    const dir = join(root, 'classes');
    mkdirSync(join(dir, 'red'), { recursive: true });
    mkdirSync(join(dir, 'blue'));
    put(join(dir, 'red'), '1.png', png(2, 2, () => [255, 0, 0]));
    put(join(dir, 'red'), '2.png', png(2, 2, () => [200, 0, 0]));
    put(join(dir, 'blue'), '1.png', png(2, 2, () => [0, 0, 255]));
    const ds = readImageFolder(dir);
    expect(ds.sampleShape).toEqual([2, 2, 3]);
    expect(ds.labelNames).toEqual(['blue', 'red']);
    expect(Array.from(ds.labels!)).toEqual([0, 1, 1]);
    expect(Array.from(ds.x.subarray(0, 3))).toEqual([0, 0, 1]);
    expect(readImageFolder(dir, { channels: 1 }).sampleShape).toEqual([2, 2, 1]);
  });

  it('decodes JPEG too', () => {
    const dir = join(root, 'jpeg');
    mkdirSync(dir);
    const data = new Uint8Array(8 * 8 * 4).fill(128);
    put(dir, 'x.jpg', jpeg.encode({ data, width: 8, height: 8 }, 95).data);
    const ds = readImageFolder(dir);
    expect(ds.sampleShape).toEqual([8, 8, 1]);
    expect(ds.x[0]).toBeCloseTo(128 / 255, 1);
  });

  it('resizes every image to `size`, averaging when shrinking', () => {
    const dir = join(root, 'sizes');
    mkdirSync(dir);
    put(dir, 'big.png', png(4, 4, (x) => (x % 2 ? [255, 255, 255] : [0, 0, 0])));
    put(dir, 'small.png', png(2, 2, () => [255, 255, 255]));
    const ds = readImageFolder(dir, { size: [2, 2] });
    expect(ds.sampleShape).toEqual([2, 2, 1]);
    for (const v of ds.x.subarray(0, 4)) expect(v > 0.35 && v < 0.65).toBe(true); // stripes blend to gray, not skipped
    for (const v of ds.x.subarray(4)) expect(v).toBeCloseTo(1, 5);
    expect(readImageFolder(dir, { size: [8, 6] }).sampleShape).toEqual([8, 6, 1]);
  });

  it('rejects mixed sizes without `size`, naming the odd file', () => {
    const dir = join(root, 'sizes');
    expectDataError(() => readImageFolder(dir), { file: join(dir, 'small.png'), message: /image is 2x2, expected 4x4 like big\.png; pass size: \[4, 4\] \(height, width\) to resize/ });
  });

  it('rejects a damaged image, an empty folder, a missing folder, mixed layout', () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    const good = png(4, 4, () => [1, 2, 3]);
    const file = put(bad, 'cut.png', good.subarray(0, good.length - 20));
    expectDataError(() => readImageFolder(bad), { file, message: /cannot decode this PNG image/ });
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expectDataError(() => readImageFolder(empty), { file: empty, message: /no \.png or \.jpg images/ });
    expectDataError(() => readImageFolder(join(root, 'none')), { message: /no such file or folder/ });
    const mixed = join(root, 'mixed');
    mkdirSync(join(mixed, 'c'), { recursive: true });
    put(mixed, 'top.png', good);
    put(join(mixed, 'c'), 'in.png', good);
    expectDataError(() => readImageFolder(mixed), { file: join(mixed, 'top.png'), message: /both images .* and class sub-folders/ });
    expectDataError(() => decodeImage(new Uint8Array([1, 2, 3]), 'x.png'), { file: 'x.png', offset: 0, message: /not a PNG or JPEG/ });
  });

  it('reads an explicit list of files', () => {
    const dir = join(root, 'gray');
    expect(readImageFiles([join(dir, 'b.png')]).n).toBe(1);
    expectDataError(() => readImageFiles([join(dir, 'b.png')], { size: [0, 2] }), { message: /positive integers/ });
  });
});

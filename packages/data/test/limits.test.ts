/**
 * Decompression bombs: a small file that declares (or inflates to) a huge
 * size is refused before anything of that size is allocated, with an error
 * naming the file, the size found, the limit and the option that raises it
 * (maxPixels for PNG / JPEG, maxDecompressedBytes for gzip, in memory and
 * streamed).
 */
import { deflateSync, gzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { describe, expect, it, vi } from 'vitest';
import {
  collectBatches, csvBatchSource, decodeImage, encodeNpy, idxBatchSource, npyBatchSource, parseIdx, parseNpy, parseRatings, readCsv, readData, readIdx, readImageFiles, readNpy,
  readRatings,
} from '../src/index.js';
import { planCsv } from '../src/formats/csv-plan.js';
import { CsvRows } from '../src/formats/csv-rows.js';
import { imageSize } from '../src/formats/image-size.js';
import { encodeIdx, expectDataError, expectDataErrorAsync, png, put, tempDir } from './helpers.js';

const dir = tempDir();
const MiB = 1 << 20;

/** A PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + body.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 4 + body.length);
  return out;
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A valid 1-bit gray PNG of w x h black pixels: a few KB for hundreds of megapixels. */
function pngBomb(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 1; // bit depth 1, color type 0 (gray)
  const rows = deflateSync(Buffer.alloc(h * (Math.ceil(w / 8) + 1)), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', new Uint8Array(0))]);
}

/** A gzip file of `members` copies of one gzip member: each holds `piece`. */
function gzipMembers(piece: Uint8Array, members: number): Buffer {
  return Buffer.concat(Array(members).fill(gzipSync(piece, { level: 9 })));
}

/** Resident memory growth (MiB) while fn runs, sampled after it. */
function rssGrowth(fn: () => void): number {
  const before = process.memoryUsage().rss;
  fn();
  return (process.memoryUsage().rss - before) / MiB;
}

describe('maxPixels', () => {
  it('a 31 KB PNG of 16000 x 16000 pixels is refused before decoding', () => {
    const bomb = pngBomb(16000, 16000);
    expect(bomb.length).toBeLessThan(40_000);
    const file = put(dir, 'bomb.png', bomb);
    const started = Date.now();
    const growth = rssGrowth(() =>
      expectDataError(() => readImageFiles([file]), {
        file,
        message: /the PNG image is 16000 x 16000 = 256,000,000 pixels, more than the limit of 50,000,000 pixels; if the file is genuine, raise the limit with maxPixels$/,
      }),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(growth).toBeLessThan(64);
    expectDataError(() => decodeImage(bomb, 'b.png'), { file: 'b.png', message: /maxPixels/ });
    expectDataError(() => readData(file), { file, message: /256,000,000 pixels/ });
  });

  it('the same option bounds JPEG, read from the frame header', () => {
    const small = jpeg.encode({ width: 4, height: 3, data: Buffer.alloc(4 * 3 * 4, 128) }, 90).data;
    expect(imageSize(small, 'jpeg')).toEqual({ width: 4, height: 3 });
    expectDataError(() => decodeImage(small, 'a.jpg', { maxPixels: 11 }), { file: 'a.jpg', message: /JPEG image is 4 x 3 = 12 pixels, more than the limit of 11 pixels/ });
    expect(decodeImage(small, 'a.jpg', { maxPixels: 12 }).width).toBe(4);
    // a header that claims 60000 x 60000
    const huge = Uint8Array.from(small);
    const sof = huge.findIndex((b, i) => b === 0xff && huge[i + 1] === 0xc0);
    huge.set([0xea, 0x60, 0xea, 0x60], sof + 5);
    expectDataError(() => decodeImage(huge, 'huge.jpg'), { file: 'huge.jpg', message: /60000 x 60000 = 3,600,000,000 pixels, more than the limit of 50,000,000/ });
  });

  it('is an option of the image readers, and must be positive', () => {
    const file = put(dir, 'six.png', png(3, 2, () => [1, 2, 3]));
    expectDataError(() => readImageFiles([file], { maxPixels: 5 }), { file, message: /3 x 2 = 6 pixels, more than the limit of 5 pixels/ });
    expect(readImageFiles([file], { maxPixels: 6 }).sampleShape).toEqual([2, 3, 3]);
    expect(readData(file, { maxPixels: 6 }).n).toBe(1);
    expectDataError(() => readData(file, { maxPixels: 5 }), { message: /maxPixels/ });
    expectDataError(() => readImageFiles([file], { maxPixels: 0 }), { message: /maxPixels must be a positive number, got 0/ });
  });
});

describe('maxDecompressedBytes, whole-file readers', () => {
  it('a gzip of 256 MiB of zeros is refused at the limit without being held in memory', () => {
    const bomb = gzipMembers(new Uint8Array(MiB), 256);
    expect(bomb.length).toBeLessThan(300_000);
    const file = put(dir, 'zeros.npy.gz', bomb);
    const growth = rssGrowth(() =>
      expectDataError(() => readNpy(file, { maxDecompressedBytes: 4 * MiB }), {
        file,
        message: /the gzip data \(\d[\d,]* bytes\) decompresses to more than the limit of 4,194,304 bytes; .* raise the limit with maxDecompressedBytes$/,
      }),
    );
    expect(growth).toBeLessThan(64);
  });

  it('exactly the limit is accepted, one byte more is not; every file reader takes the option', () => {
    const text = 'a,b\n' + '1,2\n'.repeat(999); // 4000 bytes
    const csv = put(dir, 't.csv.gz', gzipMembers(Buffer.from(text), 1));
    expect(readCsv(csv, { maxDecompressedBytes: 4000 }).n).toBe(999);
    expectDataError(() => readCsv(csv, { maxDecompressedBytes: 3999 }), { file: csv, message: /limit of 3,999 bytes/ });
    expectDataError(() => readData(csv, { maxDecompressedBytes: 3999 }), { file: csv, message: /maxDecompressedBytes/ });
    // more members than the trailer tells: caught while decompressing
    const two = put(dir, 'two.csv.gz', gzipMembers(Buffer.from('1,2\n'.repeat(500)), 2));
    expectDataError(() => readCsv(two, { maxDecompressedBytes: 3000 }), { file: two, message: /decompresses to more than the limit of 3,000 bytes/ });

    const idx = put(dir, 'i.idx.gz', gzipSync(encodeIdx(new Uint8Array(1000), [10, 100])));
    expect(readIdx(idx, { maxDecompressedBytes: 1012 }).n).toBe(10);
    expectDataError(() => readIdx(idx, { maxDecompressedBytes: 1000 }), { file: idx, message: /maxDecompressedBytes/ });
    expectDataError(() => readData(idx, { maxDecompressedBytes: 1000 }), { file: idx, message: /maxDecompressedBytes/ });
    const npy = put(dir, 'n.npy.gz', gzipSync(encodeNpy(new Float32Array(10), [10])));
    expectDataError(() => readData(npy, { maxDecompressedBytes: 100 }), { file: npy, message: /maxDecompressedBytes/ });
    const ratings = put(dir, 'u.data.gz', gzipSync(Buffer.from('1\t1\t5\t0\n'.repeat(100))));
    expectDataError(() => readRatings(ratings, { maxDecompressedBytes: 100 }), { file: ratings, message: /maxDecompressedBytes/ });
    expectDataError(() => readCsv(csv, { maxDecompressedBytes: -1 }), { message: /maxDecompressedBytes must be a positive number/ });
  });

  it('a text longer than a JavaScript string is a DataError that points to the streaming reader', () => {
    const file = put(dir, 'long.csv', '1,2\n');
    const tooLong = Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
    const spy = vi.spyOn(Buffer.prototype, 'toString').mockImplementationOnce(() => {
      throw tooLong;
    });
    try {
      expectDataError(() => readCsv(file), { file, message: /longer than the longest string JavaScript holds .* csvBatchSource/ });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('maxDecompressedBytes, streaming readers', () => {
  it('csvBatchSource stops at the limit', async () => {
    const piece = Buffer.from('0\n'.repeat(MiB / 2));
    const file = put(dir, 's.csv.gz', gzipMembers(piece, 64)); // 64 MiB
    const source = await csvBatchSource(file, { maxDecompressedBytes: MiB });
    await expectDataErrorAsync(() => collectBatches(source, 1000), { file, message: /decompresses to more than the limit of 1,048,576 bytes; .* raise the limit with maxDecompressedBytes$/ });
    // exactly the limit passes
    const one = put(dir, 'one.csv.gz', gzipMembers(piece, 1));
    expect((await collectBatches(await csvBatchSource(one, { maxDecompressedBytes: MiB }), 1 << 16)).n).toBe(MiB / 2);
  });

  it('idxBatchSource and npyBatchSource stop at the limit', async () => {
    const idx = put(dir, 's.idx.gz', Buffer.concat([gzipSync(encodeIdx([], [8 * 1024, 1024]).subarray(0, 12)), gzipMembers(new Uint8Array(MiB), 8)]));
    await expectDataErrorAsync(async () => collectBatches(await idxBatchSource(idx, { maxDecompressedBytes: 2 * MiB }), 64), { file: idx, message: /limit of 2,097,152 bytes/ });
    expect((await collectBatches(await idxBatchSource(idx, { maxDecompressedBytes: 8 * MiB + 12 }), 1024)).n).toBe(8 * 1024);
    const npy = put(dir, 's.npy.gz', gzipSync(encodeNpy(new Float32Array(MiB), [MiB])));
    await expectDataErrorAsync(async () => collectBatches(await npyBatchSource(npy, { maxDecompressedBytes: MiB }), 4096), { file: npy, message: /maxDecompressedBytes/ });
  });
});

describe('a CSV line without an end', () => {
  const plan = planCsv({ cells: ['a'], line: 1 }, undefined, { header: true }, ',', 'one.csv');
  const piece = '1'.repeat(MiB);

  it('is refused as it grows past the longest line its fields allow, not held until the end of the file', () => {
    const reader = new CsvRows(plan, 100);
    expect(reader.push('a\n1\n2\n')).toEqual([]);
    let error: unknown;
    let pushed = 0;
    try {
      for (; pushed < 16; pushed++) reader.push(piece);
    } catch (e) {
      error = e;
    }
    expect(pushed).toBe(1); // one field of at most 1,000,000 characters (2,000,003 quoted): the second MiB is too much
    expectDataError(() => {
      throw error;
    }, { file: 'one.csv', row: 4, message: /no line end within 2,097,152 characters, longer than any line of 1 fields can be/ });
  });

  it('a long comment is skipped as it comes', () => {
    const reader = new CsvRows(plan, 100);
    const out = [...reader.push('a\n1\n# '), ...Array.from({ length: 6 }, () => reader.push(piece)).flat(), ...reader.push('\r2\n'), ...reader.end()];
    expect(out.map((b) => Array.from(b.x))).toEqual([[1, 2]]);
  });
});

describe('maxEntries', () => {
  it('a 120 KB ratings file naming 8,200 users and 8,200 items is refused before its dense matrix is allocated', () => {
    const text = Array.from({ length: 8200 }, (_, i) => `${i}\t${i}\t5\t0`).join('\n');
    expect(text.length).toBeLessThan(120_000);
    const growth = rssGrowth(() =>
      expectDataError(() => parseRatings(text, {}, 'u.data'), {
        file: 'u.data',
        message: /the dense matrix of 8,200 users x 8,200 items has 67,240,000 entries, more than the limit of 67,108,864 entries; .* raise the limit with maxEntries$/,
      }),
    );
    expect(growth).toBeLessThan(128);
  });

  it('is an option of parseRatings, readRatings and readData', () => {
    const text = '1\t10\t5\t0\n2\t20\t3\t0\n1\t30\t4\t0\n'; // 2 users x 3 items
    expectDataError(() => parseRatings(text, { maxEntries: 5 }), { message: /2 users x 3 items has 6 entries, more than the limit of 5 entries/ });
    expect(parseRatings(text, { maxEntries: 6 }).n).toBe(2);
    const file = put(dir, 'u.data', text);
    expectDataError(() => readRatings(file, { maxEntries: 5 }), { file, message: /maxEntries/ });
    expectDataError(() => readData(file, { maxEntries: 5 }), { file, message: /maxEntries/ });
  });
});

describe('shapes declared in IDX and NPY headers', () => {
  // a header of 3 x (2^32 - 1) uint8 values over 8 bytes of data
  const idx = Uint8Array.from([0, 0, 8, 3, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1, 2, 3, 4, 5, 6, 7, 8]);
  // a header of 2^50 x 2^50 float32 values (the longer shape eats the header's padding)
  const npy = Buffer.from(encodeNpy(new Float32Array(2), [2])).toString('latin1');
  const npyHuge = Uint8Array.from(Buffer.from(npy.replace("'shape': (2,), ", "'shape': (1125899906842624, 1125899906842624),"), 'latin1'));

  it('are compared with the bytes really there before anything is allocated, in memory and streamed', async () => {
    const growth = rssGrowth(() => {
      expectDataError(() => parseIdx(idx, 'h.idx'), { file: 'h.idx', message: /truncated IDX data: the header promises shape \[4294967295, 4294967295, 4294967295\]/ });
      expectDataError(() => parseNpy(npyHuge, 'h.npy'), { file: 'h.npy', message: /truncated NPY data: the header promises shape \(1125899906842624, 1125899906842624\)/ });
    });
    expect(growth).toBeLessThan(64);
    const file = put(dir, 'h.idx.gz', gzipSync(idx));
    const source = await idxBatchSource(file);
    await expectDataErrorAsync(() => collectBatches(source, 2), { file, message: /truncated IDX data/ });
  });
});

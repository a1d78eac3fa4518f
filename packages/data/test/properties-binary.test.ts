/**
 * Property-based tests of the binary parsers (IDX, NPY, PNG/JPEG): random valid
 * inputs round-trip; truncated, corrupted or random inputs either parse or throw
 * a DataError, never another error and never a hang.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { collectBatches, DataError, decodeImage, encodeNpy, idxBatchSource, npyBatchSource, parseIdx, parseNpy, readIdx, readNpy, type NpyWritable } from '../src/index.js';
import { encodeIdx, png, put, tempDir } from './helpers.js';

const dir = tempDir();

/** Runs fn; passes if it returns or throws a DataError. */
function parsesOrDataError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
  }
}

async function parsesOrDataErrorAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
  }
}

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 });

const idxArb = fc
  .record({ type: fc.constantFrom('uint8', 'int8', 'int16', 'int32', 'float32', 'float64' as const), shape: shapeArb })
  .chain(({ type, shape }) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const value = {
      uint8: fc.integer({ min: 0, max: 255 }),
      int8: fc.integer({ min: -128, max: 127 }),
      int16: fc.integer({ min: -32768, max: 32767 }),
      int32: fc.integer(),
      float32: fc.float({ noNaN: true, noDefaultInfinity: true }),
      float64: fc.double({ noNaN: true, noDefaultInfinity: true }),
    }[type];
    return fc.record({ type: fc.constant(type), shape: fc.constant(shape), data: fc.array(value, { minLength: count, maxLength: count }) });
  });

describe('IDX parser properties', () => {
  it('round-trips random arrays of every type', () => {
    fc.assert(
      fc.property(idxArb, ({ type, shape, data }) => {
        const parsed = parseIdx(encodeIdx(data, shape, type));
        expect(parsed.dtype).toBe(type);
        expect(parsed.shape).toEqual(shape);
        expect(Array.from(parsed.data)).toEqual(type === 'float32' ? data.map(Math.fround) : data);
      }),
    );
  });

  it('rejects every truncation with a DataError that has an offset', () => {
    fc.assert(
      fc.property(idxArb.filter((a) => a.data.length > 0), fc.nat(), ({ type, shape, data }, cut) => {
        const bytes = encodeIdx(data, shape, type);
        const k = cut % bytes.length;
        let error: unknown;
        try {
          parseIdx(bytes.subarray(0, k));
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).offset).toBeTypeOf('number');
      }),
    );
  });

  it('parses or rejects random and corrupted bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => parsesOrDataError(() => parseIdx(bytes))));
    fc.assert(
      fc.property(idxArb, fc.nat(), fc.integer({ min: 0, max: 255 }), ({ type, shape, data }, at, v) => {
        const bytes = encodeIdx(data, shape, type);
        bytes[at % bytes.length] = v;
        parsesOrDataError(() => parseIdx(bytes));
      }),
    );
  });

  it('readIdx and the stream agree, or both fail with a DataError, on damaged files', async () => {
    await fc.assert(
      fc.asyncProperty(idxArb, fc.nat(), fc.boolean(), async ({ type, shape, data }, cut, gz) => {
        const full = encodeIdx(data, shape, type);
        const bytes = full.subarray(0, full.length - (cut % 3));
        const file = put(dir, gz ? 'p.idx.gz' : 'p.idx', gz ? gzipSync(bytes) : bytes);
        let memory: Float32Array | undefined;
        try {
          memory = readIdx(file).x;
        } catch (e) {
          if (!(e instanceof DataError)) throw e;
        }
        let streamed: Float32Array | undefined;
        try {
          streamed = (await collectBatches(await idxBatchSource(file), 3)).x;
        } catch (e) {
          if (!(e instanceof DataError)) throw e;
        }
        if (memory && streamed) expect(Array.from(streamed)).toEqual(Array.from(memory));
        if (!(shape.slice(1).includes(0) || shape[0] === 0)) expect(!!memory).toBe(!!streamed);
      }),
      { numRuns: 40 },
    );
  });
});

const npyArb = fc
  .record({ kind: fc.constantFrom('f4', 'f8', 'i4', 'u1', 'i1', 'i2', 'u2', 'u4'), shape: shapeArb })
  .chain(({ kind, shape }) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const make = {
      f4: [fc.float({ noNaN: true, noDefaultInfinity: true }), (d: number[]) => Float32Array.from(d)],
      f8: [fc.double({ noNaN: true, noDefaultInfinity: true }), (d: number[]) => Float64Array.from(d)],
      i4: [fc.integer(), (d: number[]) => Int32Array.from(d)],
      u1: [fc.integer({ min: 0, max: 255 }), (d: number[]) => Uint8Array.from(d)],
      i1: [fc.integer({ min: -128, max: 127 }), (d: number[]) => Int8Array.from(d)],
      i2: [fc.integer({ min: -32768, max: 32767 }), (d: number[]) => Int16Array.from(d)],
      u2: [fc.integer({ min: 0, max: 65535 }), (d: number[]) => Uint16Array.from(d)],
      u4: [fc.integer({ min: 0, max: 2 ** 32 - 1 }), (d: number[]) => Uint32Array.from(d)],
    } as const;
    const [value, build] = make[kind];
    return fc.array(value as fc.Arbitrary<number>, { minLength: count, maxLength: count }).map((d) => ({ shape, data: (build as (d: number[]) => NpyWritable)(d) }));
  });

describe('NPY parser properties', () => {
  it('round-trips random arrays through the writer and the reader', () => {
    fc.assert(
      fc.property(npyArb, ({ shape, data }) => {
        const parsed = parseNpy(encodeNpy(data, shape));
        expect(parsed.shape).toEqual(shape);
        expect(Array.from(parsed.data)).toEqual(Array.from(data));
      }),
    );
  });

  it('rejects every truncation with a DataError that has an offset', () => {
    fc.assert(
      fc.property(npyArb, fc.nat(), ({ shape, data }, cut) => {
        const bytes = encodeNpy(data, shape);
        const k = data.length === 0 ? cut % 128 : cut % bytes.length;
        let error: unknown;
        try {
          parseNpy(bytes.subarray(0, k));
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).offset).toBeTypeOf('number');
      }),
    );
  });

  it('parses or rejects random bytes, random headers and corrupted files', () => {
    const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => parsesOrDataError(() => parseNpy(bytes))));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.string({ maxLength: 120 }), (version, header) => {
        const text = new TextEncoder().encode(header);
        const pre = version === 1 ? 10 : 12;
        const bytes = new Uint8Array(pre + text.length);
        bytes.set([...magic, version, 0]);
        const view = new DataView(bytes.buffer);
        if (version === 1) view.setUint16(8, text.length, true);
        else view.setUint32(8, text.length, true);
        bytes.set(text, pre);
        parsesOrDataError(() => parseNpy(bytes));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\{('[a-z_]{0,14}': ?(True|False|'[<>|]?[a-z]\d{0,2}'|\((\d{0,3}, ?){0,3}\)|[[({]{0,20}), ?){0,4}\}$/), (header) => {
        const bytes = encodeNpy(new Float32Array(0), [0]);
        const text = header.padEnd(117, ' ') + '\n';
        for (let i = 0; i < 118; i++) bytes[10 + i] = text.charCodeAt(i);
        parsesOrDataError(() => parseNpy(bytes.subarray(0, 128)));
      }),
    );
    fc.assert(
      fc.property(npyArb, fc.nat(), fc.integer({ min: 0, max: 255 }), ({ shape, data }, at, v) => {
        const bytes = encodeNpy(data, shape);
        bytes[at % 128] = v;
        parsesOrDataError(() => parseNpy(bytes));
      }),
    );
  });

  it('readNpy and the stream agree, or both fail with a DataError, on damaged files', async () => {
    await fc.assert(
      fc.asyncProperty(npyArb, fc.nat(), async ({ shape, data }, cut) => {
        const full = encodeNpy(data, shape);
        const file = put(dir, 'p.npy', full.subarray(0, full.length - (cut % 4)));
        let memory: Float32Array | undefined;
        try {
          memory = readNpy(file).x;
        } catch (e) {
          if (!(e instanceof DataError)) throw e;
        }
        await parsesOrDataErrorAsync(async () => {
          const streamed = (await collectBatches(await npyBatchSource(file), 2)).x;
          if (memory) expect(Array.from(streamed)).toEqual(Array.from(memory));
        });
      }),
      { numRuns: 40 },
    );
  });
});

describe('image decoder properties', () => {
  const imageArb = fc.record({ w: fc.integer({ min: 1, max: 6 }), h: fc.integer({ min: 1, max: 6 }), seed: fc.nat() });
  const pixelsOf = (w: number, h: number, seed: number) => (x: number, y: number): [number, number, number] => {
    const v = (seed + x * 31 + y * 17) % 256;
    return [v, (v * 3) % 256, (v * 7) % 256];
  };

  it('round-trips random PNGs exactly', () => {
    fc.assert(
      fc.property(imageArb, ({ w, h, seed }) => {
        const image = decodeImage(png(w, h, pixelsOf(w, h, seed)));
        expect([image.width, image.height]).toEqual([w, h]);
        const [r, g, b] = pixelsOf(w, h, seed)(w - 1, h - 1);
        expect(Array.from(image.data.subarray((w * h - 1) * 4, w * h * 4))).toEqual([r, g, b, 255]);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips random JPEGs within the loss of JPEG', () => {
    // flat colour blocks (8x8, JPEG's own blocks) survive quality 100 almost exactly
    const jpegArb = fc.record({ bw: fc.integer({ min: 1, max: 3 }), bh: fc.integer({ min: 1, max: 3 }), colours: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 9, maxLength: 9 }) });
    fc.assert(
      fc.property(jpegArb, ({ bw, bh, colours }) => {
        const [w, h] = [bw * 8, bh * 8];
        const data = new Uint8Array(w * h * 4);
        const grey = (x: number, y: number) => colours[(Math.floor(y / 8) * bw + Math.floor(x / 8)) % 9];
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([grey(x, y), grey(x, y), grey(x, y), 255], (y * w + x) * 4);
        const image = decodeImage(jpeg.encode({ data, width: w, height: h }, 100).data);
        expect([image.width, image.height]).toEqual([w, h]);
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(Math.abs(image.data[(y * w + x) * 4] - grey(x, y))).toBeLessThanOrEqual(3);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects truncated PNGs and random bytes with a DataError', () => {
    fc.assert(
      fc.property(imageArb, fc.nat(), ({ w, h, seed }, cut) => {
        const bytes = png(w, h, pixelsOf(w, h, seed));
        const k = cut % (bytes.length - 12); // the IEND chunk is 12 bytes; anything shorter misses data
        expect(() => decodeImage(bytes.subarray(0, k))).toThrow(DataError);
      }),
      { numRuns: 50 },
    );
    const pngMagic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => parsesOrDataError(() => decodeImage(new Uint8Array([...pngMagic, ...tail])))));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => parsesOrDataError(() => decodeImage(new Uint8Array([0xff, 0xd8, 0xff, ...tail])))));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => parsesOrDataError(() => decodeImage(bytes))));
  });
});

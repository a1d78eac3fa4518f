/**
 * Sample inputs for the browser tests, and one pass of the browser-safe API
 * over them as plain values, so that the results of two entry points (or of a
 * bundle run in another realm) can be compared with toEqual.
 */
import jpeg from 'jpeg-js';
import { encodeNpy } from '../src/index.js';
import type * as BrowserApi from '../src/browser.js';
import { encodeIdx, png } from './helpers.js';

export type Api = typeof BrowserApi;
export type Samples = ReturnType<typeof samples>;

/** The inputs; `bytes` may copy the binary ones into another realm's Uint8Array. */
export function samples(bytes: (b: Uint8Array) => Uint8Array = (b) => b) {
  const rgba = new Uint8Array(8 * 8 * 4).map((_, i) => (i % 4 === 3 ? 255 : i * 5));
  return {
    csv: 'a,b,kind\n1,2,x\n3,,y\n5,6,x\n4,4,y\n',
    ratings: 'userId,movieId,rating,timestamp\n1,10,4.5,0\n2,10,3,0\n1,20,5,0\n',
    npy: bytes(encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3])),
    idx: bytes(encodeIdx([0, 255, 7, 9, 1, 2], [3, 2])),
    png: bytes(png(3, 2, (x, y) => [x * 80, y * 90, 30])),
    jpeg: bytes(jpeg.encode({ data: rgba, width: 8, height: 8 }, 90).data),
  };
}

/** Runs parsers, transforms, splits and batching of `api` on the samples. */
export async function runAll(api: Api, input: Samples) {
  const table = api.parseCsv(input.csv, { label: 'kind', missing: 'mask' });
  const scaler = api.fitScaler(table, { kind: 'standard' });
  const npy = api.parseNpy(input.npy);
  const source = api.arrayBatchSource(table, { shuffle: true, seed: 3 });
  return plain({
    table,
    scaled: scaler.transform(table).x,
    scaler: scaler.toJSON(),
    split: api.splitDataset(table, { test: 0.5, seed: 1 }),
    windows: api.slidingWindows(table, { window: 2 }),
    batches: await api.collectBatches(source, 3),
    npy,
    npyHeader: api.parseNpyHeader(input.npy),
    npyRoundTrip: api.parseNpy(api.encodeNpy(npy.data as Float32Array, npy.shape)),
    idx: api.parseIdx(input.idx),
    ratings: api.parseRatings(input.ratings),
    png: api.decodeImage(input.png),
    jpeg: api.decodeImage(input.jpeg),
  });
}

/** Typed arrays as { type, values }, objects recursively, functions dropped. */
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return { type: value.constructor.name, values: Array.from(value as unknown as ArrayLike<number>) };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== 'function').map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

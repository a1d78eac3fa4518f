import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  arrayBatchSource, collectBatches, createDataset, csvBatchSource, encodeNpy, idxBatchSource, npyBatchSource, readCsv, readIdx, readNpy,
} from '../src/index.js';
import { encodeIdx, expectDataErrorAsync, put, tempDir } from './helpers.js';

const dir = tempDir();

async function sizes(source: { batches(b: number): AsyncIterable<{ n: number }> }, batch: number): Promise<number[]> {
  const out: number[] = [];
  for await (const b of source.batches(batch)) out.push(b.n);
  return out;
}

describe('file batch sources', () => {
  const pixels = Uint8Array.from({ length: 7 * 3 * 2 }, (_, i) => (i * 37) % 256);

  it('IDX: same samples as readIdx, in batches, gzipped or not, pass after pass', async () => {
    for (const [name, bytes] of [['s.idx', encodeIdx(pixels, [7, 3, 2])], ['s.idx.gz', gzipSync(encodeIdx(pixels, [7, 3, 2]))]] as const) {
      const file = put(dir, name, bytes);
      const source = await idxBatchSource(file);
      expect(source.n).toBe(7);
      expect(source.sampleShape).toEqual([3, 2, 1]);
      expect(await sizes(source, 3)).toEqual([3, 3, 1]);
      expect(await sizes(source, 3)).toEqual([3, 3, 1]);
      expect(Array.from((await collectBatches(source, 2)).x)).toEqual(Array.from(readIdx(file).x));
    }
  });

  it('NPY: same samples as readNpy, with a mask when asked', async () => {
    const data = Float32Array.from({ length: 10 * 4 }, (_, i) => i / 3);
    data[5] = NaN;
    const file = put(dir, 's.npy', encodeNpy(data, [10, 4]));
    const source = await npyBatchSource(file, { missing: 'mask' });
    expect(source.sampleShape).toEqual([4]);
    expect(await sizes(source, 4)).toEqual([4, 4, 2]);
    const all = await collectBatches(source, 3);
    const mem = readNpy(file, { missing: 'mask' });
    expect(Array.from(all.x)).toEqual(Array.from(mem.x));
    expect(Array.from(all.mask!)).toEqual(Array.from(mem.mask!));
  });

  it('CSV: same rows as readCsv across 1 MB chunk boundaries, label column skipped', async () => {
    const lines = ['a,b,label'];
    for (let i = 0; i < 40000; i++) lines.push(`${i},${(i * 0.37).toFixed(3)},"c${i % 3}"`);
    const file = put(dir, 'big.csv', lines.join('\r\n'));
    const source = await csvBatchSource(file, { label: 'label' });
    expect(source.sampleShape).toEqual([2]);
    const all = await collectBatches(source, 1000);
    expect(all.n).toBe(40000);
    const mem = readCsv(file, { label: 'label' });
    expect(Buffer.compare(Buffer.from(all.x.buffer), Buffer.from(mem.x.buffer))).toBe(0);
    expect(await sizes(source, 15000)).toEqual([15000, 15000, 10000]);
  });

  it('CSV: a first 1 MB piece of half a million records (their count once overflowed the stack)', async () => {
    const file = put(dir, 'short.csv', 'x\n' + '1\n'.repeat(500000));
    const source = await csvBatchSource(file);
    expect((await collectBatches(source, 1 << 16)).n).toBe(500000);
  });

  it('stops reading when the consumer stops', async () => {
    const file = put(dir, 'many.npy', encodeNpy(new Float32Array(1000), [1000, 1]));
    const source = await npyBatchSource(file);
    let seen = 0;
    for await (const b of source.batches(10)) {
      seen += b.n;
      if (seen >= 30) break;
    }
    expect(seen).toBe(30);
  });
});

describe('file batch sources on bad input', () => {
  it('a truncated IDX file fails at the sample where it ends', async () => {
    const bytes = encodeIdx(new Uint8Array(5 * 4), [5, 2, 2]);
    const file = put(dir, 'cut.idx', bytes.subarray(0, 16 + 4 * 3 + 1));
    const source = await idxBatchSource(file);
    await expectDataErrorAsync(() => collectBatches(source, 2), { file, row: 3, offset: 29, message: /truncated IDX data/ });
  });

  it('a truncated NPY header or IDX header fails when opening', async () => {
    const npy = encodeNpy(new Float32Array(4), [2, 2]);
    const f1 = put(dir, 'h.npy', npy.subarray(0, 50));
    await expectDataErrorAsync(() => npyBatchSource(f1), { file: f1, offset: 50, message: /truncated NPY header/ });
    const f2 = put(dir, 'h.idx', encodeIdx([1], [1]).subarray(0, 6));
    await expectDataErrorAsync(() => idxBatchSource(f2), { file: f2, offset: 6, message: /truncated IDX header/ });
    await expectDataErrorAsync(() => idxBatchSource(`${dir}/missing.idx`), { message: /no such file/ });
  });

  it('a bad CSV row fails with its line and column, an empty CSV when opening', async () => {
    const file = put(dir, 'bad.csv', 'x,y\n1,2\n3,oops\n');
    const source = await csvBatchSource(file);
    await expectDataErrorAsync(() => collectBatches(source), { file, row: 3, column: 'y', message: /expected a number, found "oops"/ });
    await expectDataErrorAsync(() => csvBatchSource(put(dir, 'empty.csv', '')), { message: /empty file/ });
    await expectDataErrorAsync(() => csvBatchSource(put(dir, 'head.csv', 'a,b\n')), { message: /no data rows/ });
  });

  it('a bad batch size', async () => {
    const source = arrayBatchSource(createDataset({ name: 'd', sampleShape: [1], x: new Float32Array(3) }));
    await expectDataErrorAsync(() => sizes(source, 0), { message: /batch size/ });
  });

  it('a damaged gzip stream', async () => {
    const gz = gzipSync(encodeIdx(new Uint8Array(100000).map((_, i) => i * 7), [100000]));
    gz.fill(0, 20, 200);
    const file = put(dir, 'bad.idx.gz', gz);
    await expectDataErrorAsync(async () => collectBatches(await idxBatchSource(file)), { file });
  });
});

describe('arrayBatchSource', () => {
  const ds = createDataset({ name: 'a', sampleShape: [2], x: Float32Array.from({ length: 20 }, (_, i) => i), mask: new Float32Array(20).fill(1) });

  it('yields views in order, or a seeded shuffle that changes every pass', async () => {
    const plain = arrayBatchSource(ds);
    const first = (await plain.batches(4)[Symbol.asyncIterator]().next()).value!;
    expect(Array.from(first.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(first.mask!.length).toBe(8);
    const order = async (s: ReturnType<typeof arrayBatchSource>) => {
      const rows: number[] = [];
      for await (const b of s.batches(3)) for (let k = 0; k < b.n; k++) rows.push(b.x[2 * k] / 2);
      return rows;
    };
    const a = arrayBatchSource(ds, { shuffle: true, seed: 9 });
    const b = arrayBatchSource(ds, { shuffle: true, seed: 9 });
    const a1 = await order(a);
    expect(a1).toEqual(await order(b));
    expect([...a1].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await order(a)).not.toEqual(a1);
  });
});

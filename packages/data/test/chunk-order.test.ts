/**
 * Reading a file's chunks in a random order: every row once per pass, the
 * same order for the same seed and another in the next pass, batches that
 * carry their rows' file indices (so a hash split keeps its parts), and
 * order statistics: a sorted file read through chunk order and a shuffle
 * buffer a tenth of its size comes out with rank correlation near 0 with
 * file order (within 3 standard deviations of a random order of the chunks),
 * where the buffer alone leaves it near 1.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectBatches, csvBatchSource, encodeNpy, hashSplitSource, idxBatchSource, npyBatchSource, shuffledSource, type BatchSource } from '../src/index.js';
import { encodeIdx, expectDataErrorAsync, put, tempDir } from './helpers.js';

const dir = tempDir();
const N = 20_000;
/** Rows i of [i, label]: sorted by row, labels in 10 sorted blocks. */
const sortedNpy = put(dir, 'sorted.npy', encodeNpy(Float32Array.from({ length: 2 * N }, (_, k) => (k % 2 === 0 ? k / 2 : Math.floor((10 * (k - 1)) / 2 / N))), [N, 2]));
const sortedCsv = put(dir, 'sorted.csv', 'id,label\n' + Array.from({ length: N }, (_, i) => `${i},${Math.floor((10 * i) / N)}`).join('\n') + '\n');

const ids = async (source: BatchSource) => {
  const ds = await collectBatches(source, 100);
  return Array.from({ length: ds.n }, (_, i) => ds.x[i * ds.sampleShape[0]]);
};

/** Spearman's rank correlation of positions against `values` (a permutation of 0..n-1). */
function spearman(values: number[]): number {
  const n = values.length;
  const d2 = values.reduce((sum, v, i) => sum + (v - i) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

const every = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('chunk order', () => {
  it('reads an NPY file chunk by chunk in a seeded order: every row once, the next pass another order', async () => {
    const source = await npyBatchSource(sortedNpy, { chunks: { seed: 3, bytes: 8 * 500 } });
    const first = await ids(source);
    const second = await ids(source);
    expect([...first].sort((a, b) => a - b)).toEqual(every(N));
    expect([...second].sort((a, b) => a - b)).toEqual(every(N));
    expect(second).not.toEqual(first);
    // runs of 500 rows in order, the chunks themselves shuffled
    expect(first.slice(0, 500)).toEqual(every(500).map((i) => first[0] + i));
    expect(first[0] % 500).toBe(0);
    expect(await ids(await npyBatchSource(sortedNpy, { chunks: { seed: 3, bytes: 8 * 500 } }))).toEqual(first);
    expect(await ids(await npyBatchSource(sortedNpy, { chunks: { seed: 4, bytes: 8 * 500 } }))).not.toEqual(first);
  });

  it('with a shuffle buffer a tenth of the file, mixes a sorted file (rank correlation near 0, not near 1)', async () => {
    const mixed = await ids(shuffledSource(await npyBatchSource(sortedNpy, { chunks: { seed: 1, bytes: 8 * 50 } }), { buffer: N / 10, seed: 1 }));
    const bufferOnly = await ids(shuffledSource(await npyBatchSource(sortedNpy), { buffer: N / 10, seed: 1 }));
    expect([...mixed].sort((a, b) => a - b)).toEqual(every(N));
    // 400 chunks: a random order has rank correlation of standard deviation 1 / sqrt(399) = 0.05
    expect(Math.abs(spearman(mixed))).toBeLessThan(0.15);
    expect(spearman(bufferOnly)).toBeGreaterThan(0.9);
    // the first 1,000 rows out hold every label block
    const labels = mixed.slice(0, 1000).map((i) => Math.floor((10 * i) / N));
    for (let l = 0; l < 10; l++) expect(labels.filter((v) => v === l).length).toBeGreaterThan(20);
  });

  it('reads an IDX file the same way', async () => {
    const file = put(dir, 'rows-idx', encodeIdx(Int32Array.from(every(3000)), [3000], 'int32'));
    const source = await idxBatchSource(file, { chunks: { seed: 2, bytes: 4 * 128 } });
    const got = await ids(source);
    expect([...got].sort((a, b) => a - b)).toEqual(every(3000));
    expect(Math.abs(spearman(got))).toBeLessThan(0.2);
  });

  it('reads a CSV file in file order first (counting its chunks), then in a seeded order, with line numbers of the file', async () => {
    const source = await csvBatchSource(sortedCsv, { chunks: { seed: 5, bytes: 1024 } });
    expect(source.columns).toEqual(['id', 'label']);
    expect(await ids(source)).toEqual(every(N));
    const second = await ids(source);
    expect([...second].sort((a, b) => a - b)).toEqual(every(N));
    expect(Math.abs(spearman(second))).toBeLessThan(0.25); // ~170 chunks: standard deviation 0.08
    // quoted fields with line ends stay whole, and an error names the line in the file
    const quoted = put(dir, 'quoted.csv', 'a,b\n' + every(400).map((i) => `${i},"x\n${i}"`).join('\n') + '\n');
    const q = await csvBatchSource(quoted, { columns: ['a'], chunks: { bytes: 100 } });
    await ids(q);
    expect((await ids(q)).sort((a, b) => a - b)).toEqual(every(400));
    const bad = put(dir, 'bad.csv', 'a\n' + every(1000).map((i) => (i === 900 ? 'oops' : String(i))).join('\n') + '\n');
    await expectDataErrorAsync(async () => collectBatches(await csvBatchSource(bad, { chunks: { bytes: 200 } })), { file: bad, message: /line 902/ });
  });

  it('keeps a hash split the same whatever the order of the chunks', async () => {
    const inOrder = await ids(hashSplitSource(await npyBatchSource(sortedNpy), 'test', { test: 0.1, seed: 9 }));
    const chunked = await ids(hashSplitSource(await npyBatchSource(sortedNpy, { chunks: { seed: 2, bytes: 8 * 300 } }), 'test', { test: 0.1, seed: 9 }));
    expect(chunked).not.toEqual(inOrder);
    expect([...chunked].sort((a, b) => a - b)).toEqual(inOrder);
  });

  it('refuses a gzipped file and bad chunk sizes, naming the file', async () => {
    const gz = put(dir, 'g.npy.gz', gzipSync(encodeNpy(new Float32Array(8), [4, 2])));
    await expectDataErrorAsync(() => npyBatchSource(gz, { chunks: {} }), { file: gz, message: /gzipped file in a random order/ });
    await expectDataErrorAsync(() => npyBatchSource(sortedNpy, { chunks: { bytes: 0 } }), { file: sortedNpy, message: /bytes per chunk must be a whole number >= 1, got 0/ });
  });
});

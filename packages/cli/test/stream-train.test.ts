/**
 * `hourglass train --stream`: the scaling fitted in the first pass equals
 * the in-memory fit on the same rows and is saved the same way, the hash
 * split is disjoint and the same in every run, NPY, IDX and gzipped CSV
 * stream too, the process stays under `--max-memory` on a file larger than
 * the memory it leaves for data, and flags that cannot work are refused.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeNpy, fitScaler, hashPart, readCsv, selectRows, type ArrayDataset } from '@hourglass/data';
import { SPLIT_SEED } from '../src/data.js';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
useTempDir('hourglass-stream-train-', (d) => (dir = d));

const N = 3000;
/** Three features far from [0, 1], sorted by the class column (the fourth). */
const csvText = () =>
  'a,b,c,class\n' + Array.from({ length: N }, (_, i) => `${(Math.sin(i) * 50 + 7).toFixed(3)},${(i % 17) * 3.5 - 20},${(i / 7).toFixed(2)},${Math.floor((4 * i) / N)}`).join('\n') + '\n';

const train = async (args: string[], out: string) => {
  const r = await runCli(['train', ...args, '--epochs', '1', '--loss', 'mse', '--latent', '2', '--out', join(dir, out), '--json', '--quiet'], dir);
  expect(r.code, r.stderr).toBe(0);
  const model = JSON.parse(await readFile(join(dir, out, 'model', 'model.json'), 'utf8'));
  const config = JSON.parse(await readFile(join(dir, out, 'config.json'), 'utf8'));
  return { summary: JSON.parse(r.stdout), model, config };
};

/** The rows a hash split of `n` rows puts in the training part. */
const trainRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i).filter((i) => hashPart(i, { test: 0.2, seed: SPLIT_SEED }) === 'train');

const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(Math.abs(v - b[i]), `entry ${i}: ${v} vs ${b[i]}`).toBeLessThan(1e-9));

describe('hourglass train --stream', () => {
  it('fits the scaling on the training part in one pass, equal to the in-memory fit on those rows, with a split the same in every run', async () => {
    const file = join(dir, 'table.csv');
    await writeFile(file, csvText());
    const ds: ArrayDataset = readCsv(file, { label: 'class' });
    const rows = trainRows(N);
    for (const kind of ['minmax', 'standard'] as const) {
      const { model, config, summary } = await train(['--data', 'table.csv', '--label', 'class', '--stream', '--scale', kind], `scale-${kind}`);
      const reference = fitScaler(selectRows(ds, rows), { kind, per: 'feature' }).toJSON();
      expect(model.scaling.kind).toBe(kind);
      for (const key of Object.keys(reference.params) as (keyof typeof reference.params)[]) close(model.scaling.params[key], reference.params[key] as number[]);
      expect(model.metadata.columns).toEqual(['a', 'b', 'c']);
      expect(config.split).toEqual({ train: rows.length, test: N - rows.length, seed: SPLIT_SEED, hash: true, fractions: { test: 0.2, validation: 0 } });
      expect(summary.stream).toMatchObject({ rows: N, chunkShuffle: true });
      expect(summary.peakRssMB).toBeGreaterThan(0);
    }
    // another training seed, the same split; a validation part is disjoint from the others and counted
    const again = await train(['--data', 'table.csv', '--label', 'class', '--stream', '--seed', '4', '--val-split', '0.25'], 'validation');
    const parts = { train: 0, validation: 0, test: 0 };
    for (let i = 0; i < N; i++) parts[hashPart(i, { test: 0.2, validation: 0.2, seed: SPLIT_SEED })]++;
    expect(again.config.split).toMatchObject(parts);
    expect(parts.train + parts.validation + parts.test).toBe(N);
    expect(again.summary.validation).toBe('0.25 of the training split');
    expect(again.summary.valLoss).toBeGreaterThan(0);
  }, 60_000);

  it('streams NPY, IDX and gzipped CSV files (a gzipped file in file order), and encode reads the model as any other', async () => {
    const x = Float32Array.from({ length: 2000 * 6 }, (_, k) => ((k * 7919) % 1000) / 100);
    await writeFile(join(dir, 'rows.npy'), encodeNpy(x, [2000, 6]));
    const npy = await train(['--data', 'rows.npy', '--stream', '--contamination', '0.05'], 'npy');
    expect(npy.model.scaling.kind).toBe('minmax');
    // the threshold is calibrated on the training part, read as a stream
    expect(npy.model.metadata.anomaly).toMatchObject({ contamination: 0.05, calibratedOn: `${npy.config.split.train} training samples` });
    expect(npy.summary.anomalyThreshold).toBeGreaterThan(0);
    expect(npy.summary.stream).toMatchObject({ rows: 2000, chunkShuffle: true });
    const idx = new Uint8Array(16 + 500 * 16);
    idx.set([0, 0, 0x08, 3, 0, 0, 0x01, 0xf4, 0, 0, 0, 4, 0, 0, 0, 4]);
    for (let i = 16; i < idx.length; i++) idx[i] = (i * 31) % 256;
    await writeFile(join(dir, 'pics-idx3-ubyte'), idx);
    const pics = await train(['--data', 'pics-idx3-ubyte', '--stream'], 'idx');
    expect(pics.model.scaling).toBeUndefined(); // bytes / 255 stay in [0, 1]
    expect(pics.summary.stream).toMatchObject({ rows: 500 });
    await writeFile(join(dir, 'table.csv.gz'), gzipSync(csvText()));
    const gz = await train(['--data', 'table.csv.gz', '--label', 'class', '--stream'], 'gz');
    expect(gz.summary.stream).toMatchObject({ rows: N, chunkShuffle: false });
    const r = await runCli(['encode', '--model', join(dir, 'npy', 'model'), '--data', 'rows.npy', '--out', join(dir, 'codes.csv')], dir);
    expect(r.code, r.stderr).toBe(0);
    expect((await readFile(join(dir, 'codes.csv'), 'utf8')).trim().split('\n')).toHaveLength(2001);
  }, 60_000);

  it('stays under --max-memory on a file larger than the memory it leaves for data', async () => {
    // 12,000 rows of 4,096 floats: 197 MB, where 700 MB leaves about 100 MB for data beside the backend (about 450 MB) and its working memory
    const width = 4096;
    const x = new Float32Array(12_000 * width);
    for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) >>> 0) / 4294967296;
    await writeFile(join(dir, 'wide.npy'), encodeNpy(x, [12_000, width]));
    const { summary } = await train(['--data', 'wide.npy', '--stream', '--max-memory', '700', '--batch-size', '64', '--hidden', '4'], 'wide');
    expect(summary.peakRssMB).toBeLessThan(700);
    expect(summary.stream.bufferRows * 4 * width).toBeLessThan(summary.stream.bytes / 3);
  }, 60_000);

  it('refuses flags that cannot work, saying what is needed', async () => {
    await writeFile(join(dir, 'small.npy'), encodeNpy(new Float32Array(400), [100, 4]));
    const small = await runCli(['train', '--data', 'small.npy', '--stream', '--max-memory', '200', '--epochs', '1', '--out', join(dir, 'no')], dir);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/--max-memory 200 is too small for this run: the process uses \d+ MB before reading data.*give --max-memory \d+ or more/);
    const mnist = await runCli(['train', '--data', 'mnist', '--stream', '--epochs', '1', '--out', join(dir, 'no2')], dir);
    expect(mnist.code).toBe(2);
    expect(mnist.stderr).toMatch(/"mnist" is not a file/);
    const conditional = await runCli(['train', '--data', 'small.npy', '--stream', '--conditional', '--epochs', '1', '--out', join(dir, 'no3')], dir);
    expect(conditional.code).toBe(2);
    expect(conditional.stderr).toMatch(/--conditional does not apply to a streamed file/);
    await writeFile(join(dir, 'u.data'), '1\t1\t5\t0\n2\t1\t3\t0\n');
    const ratings = await runCli(['train', '--data', 'u.data', '--stream', '--epochs', '1', '--out', join(dir, 'no4')], dir);
    expect(ratings.code).toBe(2);
    expect(ratings.stderr).toMatch(/--stream does not apply to a ratings file/);
  }, 60_000);
});

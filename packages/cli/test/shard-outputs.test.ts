/**
 * `--shard i/n` and `hourglass merge`: for 1, 2 and 3 shards, the parts
 * joined by `merge` (and, for CSV, simply concatenated in shard order) are
 * byte for byte what one process writes: encode (codes, reconstructions,
 * scores; CSV and NPY), detect on rows and on the steps of two series, and
 * forecast (latest and rolling). Tiny models, one epoch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hourglass, tempDir } from './in-process.js';

const dir = tempDir();
const path = (name: string) => join(dir, name);
const ok = async (...args: string[]) => {
  const r = await hourglass(...args);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

/** 61 rows of four columns and a normal/anomaly label (every 10th row an anomaly, far off). */
function table(rows: number): string {
  const lines = ['a,b,c,d,kind'];
  for (let i = 0; i < rows; i++) {
    const t = ((i * 37) % 100) / 100;
    const off = i % 10 === 3 ? 4 : 0;
    lines.push([t + off, 1 - t, (2 * t) % 1, 0.5 * t + off, off ? 'anomaly' : 'normal'].map((v) => (typeof v === 'number' ? v.toFixed(3) : v)).join(','));
  }
  return lines.join('\n') + '\n';
}

/** A periodic series of `steps` rows (time, value), with a spike at `spike`. */
function series(steps: number, phase: number, spike = -1): string {
  const rows = Array.from({ length: steps }, (_, t) => `${t},${(Math.sin((2 * Math.PI * (t + phase)) / 12) + (t === spike ? 3 : 0)).toFixed(4)}`);
  return ['time,value', ...rows].join('\n') + '\n';
}

/**
 * Runs `args` (whose output is `--out <name>.<ext>`) alone and as 1, 2 and 3
 * shards; checks that merge and, for CSV, concatenation give the single
 * run's bytes. Returns the single run's output.
 */
async function sameAsOneProcess(name: string, ext: 'csv' | 'npy', args: string[]): Promise<Buffer> {
  const whole = path(`${name}.${ext}`);
  await ok(...args, '--out', whole);
  const expected = await readFile(whole);
  for (const n of [1, 2, 3]) {
    const parts = Array.from({ length: n }, (_, i) => path(`${name}-${i}of${n}.${ext}`));
    for (let i = 0; i < n; i++) await ok(...args, '--shard', `${i}/${n}`, '--out', parts[i]);
    const merged = path(`${name}-merged${n}.${ext}`);
    await ok('merge', '--out', merged, ...parts);
    expect((await readFile(merged)).equals(expected), `${name}: merge of ${n} shards`).toBe(true);
    if (ext === 'csv') expect(Buffer.concat(await Promise.all(parts.map((p) => readFile(p)))).equals(expected), `${name}: cat of ${n} shards`).toBe(true);
  }
  return expected;
}

const cpu = ['--backend', 'cpu'];

beforeAll(async () => {
  await writeFile(path('table.csv'), table(61));
  await mkdir(path('two'));
  await writeFile(path('two/a.csv'), series(70, 0, 40));
  await writeFile(path('two/b.csv'), series(53, 5));
  const tiny = ['--epochs', '1', '--hidden', '6', '--latent', '2', '--loss', 'mse', ...cpu, '--quiet'];
  await ok('train', '--data', path('table.csv'), '--label', 'kind', '--contamination', '0.1', ...tiny, '--out', path('rows-run'));
  const both = path('two');
  await ok('train', '--data', both, '--columns', 'value', '--window', '8', '--contamination', '0.05', ...tiny, '--out', path('steps-run'));
  await ok('train', '--data', both, '--columns', 'value', '--window', '8', '--horizon', '3', ...tiny, '--out', path('forecast-run'));
}, 120_000);

describe('encode --shard', () => {
  const encode = (what: string) => ['encode', '--model', path('rows-run/model'), '--data', path('table.csv'), '--label', 'kind', '--what', what, '--batch-size', '16', ...cpu];
  it('codes: merged CSV and NPY parts are the one-process files', async () => {
    const csv = (await sameAsOneProcess('codes', 'csv', encode('codes'))).toString();
    expect(csv.split('\n')[0]).toBe('label,z0,z1');
    expect(csv.trim().split('\n')).toHaveLength(62);
    const npy = await sameAsOneProcess('codes', 'npy', encode('codes'));
    expect(npy.toString('latin1', 10, 70)).toContain("'shape': (61, 2)");
  });
  it('reconstructions and scores too', async () => {
    await sameAsOneProcess('recon', 'npy', encode('reconstructions'));
    await sameAsOneProcess('scores', 'csv', encode('scores'));
  });
  it('a shard without rows writes an empty part (or the header alone, as shard 0), and they still merge', async () => {
    await writeFile(path('pair.csv'), table(2));
    const args = ['encode', '--model', path('rows-run/model'), '--data', path('pair.csv'), '--label', 'kind', ...cpu];
    await sameAsOneProcess('two', 'csv', args);
    const npy = await sameAsOneProcess('two', 'npy', args);
    expect(npy.toString('latin1', 10, 70)).toContain("'shape': (2, 2)");
    expect((await readFile(path('two-0of3.csv'), 'utf8'))).toBe('label,z0,z1\n'); // rows [0, 0)
    expect((await readFile(path('two-0of3.npy'))).toString('latin1', 10, 70)).toContain("'shape': (0, 2)");
  });
});

describe('detect --shard', () => {
  it('rows: scores, flags and labels of the one-process file, against the saved threshold', async () => {
    const csv = await sameAsOneProcess('flags', 'csv', ['detect', '--model', path('rows-run/model'), '--data', path('table.csv'), '--label', 'kind', ...cpu]);
    expect(csv.toString().split('\n')[0]).toBe('score,anomaly,label');
    const r = await ok('detect', '--model', path('rows-run/model'), '--data', path('table.csv'), '--label', 'kind', '--shard', '1/2', '--out', path('half.csv'), '--json', ...cpu);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ rows: 31, shard: { index: 1, count: 2, from: 30, to: 61, of: 61 }, thresholdSource: expect.stringContaining('from training') });
    expect(summary.evaluation.anomalies).toBe(3); // rows 33, 43, 53
  });
  it('series: each step keeps the mean over every window covering it, across shard and series boundaries', async () => {
    const csv = await sameAsOneProcess('steps', 'csv', ['detect', '--model', path('steps-run/model'), '--data', path('two'), ...cpu]);
    const lines = csv.toString().trim().split('\n');
    expect(lines[0]).toBe('series,step,score,anomaly');
    expect(lines).toHaveLength(1 + 70 + 53);
    const [[a, last], [b, first]] = [lines[70].split(','), lines[71].split(',')];
    expect([a.endsWith('a.csv'), last, b.endsWith('b.csv'), first]).toEqual([true, '69', true, '0']);
  });
  it('refuses a threshold calibrated on the data, and a chart of whole series', async () => {
    const rows = await hourglass('detect', '--model', path('rows-run/model'), '--data', path('table.csv'), '--contamination', '0.1', '--shard', '0/2', '--out', path('x.csv'), ...cpu);
    expect(rows.code, rows.stderr).toBe(2);
    expect(rows.stderr).toMatch(/--contamination 0\.1 calibrates the threshold on the scores of all the data, which --shard 0\/2 does not see/);
    const png = await hourglass('detect', '--model', path('steps-run/model'), '--data', path('two/a.csv'), '--png', path('x.png'), '--shard', '1/2', ...cpu);
    expect(png.code).toBe(2);
    expect(png.stderr).toMatch(/--png draws each whole series/);
  });
});

describe('forecast --shard', () => {
  const forecast = ['forecast', '--model', path('forecast-run/model'), '--data', path('two'), ...cpu];
  it('latest: the forecasts of the shard\'s series (3 shards of 2 series: one part is empty)', async () => {
    const csv = await sameAsOneProcess('latest', 'csv', forecast);
    expect(csv.toString().trim().split('\n')).toHaveLength(1 + 2 * 3);
  });
  it('rolling: the forecasts from the shard\'s test windows', async () => {
    const csv = await sameAsOneProcess('rolling', 'csv', [...forecast, '--rolling']);
    expect(csv.toString().split('\n')[0]).toBe('series,origin,step,ahead,value_forecast,value_truth');
  });
});

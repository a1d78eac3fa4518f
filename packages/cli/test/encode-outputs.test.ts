/**
 * What `encode` writes: reconstructions in the data's units under its column
 * names, the same masked scores as `detect`, no leaked tensors, and never
 * Infinity or NaN.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, saveModel, tf } from '@hourglass/core';
import { readCsv, scalerFromJSON } from '@hourglass/data';
import { csvRows, hourglass, tempDir } from './in-process.js';

const dir = tempDir();
const run = join(dir, 'run');
const model = join(run, 'model');
const COLUMNS = ['price', 'share', 'delta', 'rating'];

/** Columns of very different ranges: price in [1000, 2000], share in [0, 1], delta in [-5, 5], rating 1..5. */
function table(rows: number, missing = false): string {
  const lines = [COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const t = ((i * 37) % 100) / 100;
    const cells = [(1000 + 1000 * t).toFixed(2), t.toFixed(3), (10 * t - 5).toFixed(3), String(1 + (i % 5))];
    if (missing && i % 3 === 0) cells[i % 4] = '';
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

const encode = (data: string, out: string, ...more: string[]) =>
  hourglass('encode', '--model', model, '--data', data, '--out', out, '--backend', 'cpu', '--json', ...more);

beforeAll(async () => {
  await writeFile(join(dir, 'table.csv'), table(200));
  await writeFile(join(dir, 'holes.csv'), table(60, true));
  const r = await hourglass('train', '--data', join(dir, 'table.csv'), '--latent', '2', '--hidden', '8', '--loss', 'mse', '--epochs', '5', '--contamination', '0.05', '--backend', 'cpu', '--out', run, '--json', '--quiet');
  expect(r.code, r.stderr).toBe(0);
});

describe('encode --what reconstructions', () => {
  it('returns the data in its own units, under its own column names', async () => {
    const out = join(dir, 'recon.csv');
    const r = await encode(join(dir, 'table.csv'), out, '--what', 'reconstructions');
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRows(await readFile(out, 'utf8'));
    expect(rows[0]).toEqual(COLUMNS);
    const got = rows.slice(1).map((r) => r.map(Number));
    // the expected values: the model's reconstruction of the scaled data, with the scaling undone
    const m = await loadModel(model);
    const scaler = scalerFromJSON(m.scaling);
    const data = readCsv(join(dir, 'table.csv'));
    const x = tf.tensor(scaler.transformArray(data.x), [data.n, 4]);
    const y = m.reconstruct(x);
    const expected = scaler.inverseArray((await y.data()) as Float32Array);
    tf.dispose([x, y]);
    m.dispose();
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i * 4 + j], 3)));
    const prices = got.map((row) => row[0]);
    expect(Math.min(...prices)).toBeGreaterThan(500); // min-max units would lie near [0, 1]
    expect(Math.max(...prices)).toBeLessThan(2500);
  });
  it('names codes z0.. and scores score', async () => {
    for (const [what, header] of [['codes', ['z0', 'z1']], ['scores', ['score']]] as const) {
      const out = join(dir, `${what}.csv`);
      expect((await encode(join(dir, 'table.csv'), out, '--what', what)).code).toBe(0);
      expect(csvRows(await readFile(out, 'utf8'))[0]).toEqual(header);
    }
  });
  it('leaks no tensor (nor does detect)', async () => {
    await encode(join(dir, 'table.csv'), join(dir, 'warm.npy'), '--what', 'reconstructions');
    const before = tf.memory().numTensors;
    for (const what of ['codes', 'reconstructions', 'scores']) expect((await encode(join(dir, 'table.csv'), join(dir, 'leak.npy'), '--what', what)).code).toBe(0);
    expect((await hourglass('detect', '--model', model, '--data', join(dir, 'table.csv'), '--backend', 'cpu')).code).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('encode --what scores with --missing mask', () => {
  it('gives the scores detect gives: the error over the observed entries', async () => {
    const holes = join(dir, 'holes.csv');
    const enc = await encode(holes, join(dir, 'masked.csv'), '--what', 'scores', '--missing', 'mask');
    expect(enc.code, enc.stderr).toBe(0);
    const det = await hourglass('detect', '--model', model, '--data', holes, '--missing', 'mask', '--out', join(dir, 'detect.csv'), '--backend', 'cpu', '--json');
    expect(det.code, det.stderr).toBe(0);
    const encoded = csvRows(await readFile(join(dir, 'masked.csv'), 'utf8')).slice(1).map((r) => Number(r[0]));
    const detected = csvRows(await readFile(join(dir, 'detect.csv'), 'utf8')).slice(1).map((r) => Number(r[0]));
    expect(encoded).toHaveLength(60);
    expect(encoded).toEqual(detected);
    // by hand: the squared error of the reconstruction, averaged over the observed entries only
    const m = await loadModel(model);
    const data = readCsv(holes, { missing: 'mask' });
    const x = tf.tensor(scalerFromJSON(m.scaling).transformArray(data.x, data.mask), [data.n, 4]);
    const y = m.reconstruct(x);
    const [xs, ys] = [(await x.data()) as Float32Array, (await y.data()) as Float32Array];
    tf.dispose([x, y]);
    m.dispose();
    for (const i of [1, 3, 6, 9]) {
      let sum = 0;
      let all = 0;
      let seen = 0;
      for (let j = 0; j < 4; j++) {
        const e = (ys[i * 4 + j] - xs[i * 4 + j]) ** 2;
        all += e;
        if (data.mask![i * 4 + j]) (sum += e), seen++;
      }
      expect(encoded[i]).toBeCloseTo(sum / seen, 6);
      // rows 3, 6, 9 have a hole: the unmasked mean (what was written before) differs
      if (i !== 1) expect(Math.abs(encoded[i] - all / 4)).toBeGreaterThan(1e-6);
    }
  });
});

describe('non-finite results', () => {
  it('are refused when the saved scaling overflows on new data, naming the samples, columns and scaler', async () => {
    const copy = join(dir, 'tiny-range');
    await cp(model, copy, { recursive: true });
    const json = JSON.parse(await readFile(join(copy, 'model.json'), 'utf8'));
    // "share" (almost) constant in training: a factor of 1e40
    json.scaling.params.max[1] = json.scaling.params.min[1] + 1e-40;
    await writeFile(join(copy, 'model.json'), JSON.stringify(json));
    const out = join(dir, 'never.csv');
    const r = await hourglass('encode', '--model', copy, '--data', join(dir, 'table.csv'), '--out', out, '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^hourglass: ${join(dir, 'table.csv')}: the model's saved minmax scaling turns 19\\d values into Infinity or NaN: sample 1 column "share": 0\\.37\\d* -> Infinity \\(fitted min 0, max 1e-40\\);.* and 1\\d\\d more \\(samples count from 0\\)\\. A feature that hardly varied`),
    );
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    const d = await hourglass('detect', '--model', copy, '--data', join(dir, 'table.csv'), '--backend', 'cpu');
    expect(d.stderr).toMatch(/turns 19\d values into Infinity or NaN/);
  });
  it('are refused when the model outputs NaN, naming the samples and columns', async () => {
    const m = await loadModel(model);
    for (const { variable } of m.weights) variable.assign(tf.fill(variable.shape, 3e38));
    const broken = join(dir, 'overflowing');
    await saveModel(m, broken);
    m.dispose();
    const out = join(dir, 'never.npy');
    const r = await hourglass('encode', '--model', broken, '--data', join(dir, 'table.csv'), '--out', out, '--what', 'reconstructions', '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^hourglass: ${broken}/model.json: the model's reconstructions hold \\d+ non-finite values \\(sample 0 column "price" = (NaN|-?Infinity), `));
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    const d = await hourglass('detect', '--model', broken, '--data', join(dir, 'table.csv'), '--backend', 'cpu');
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/the model's scores hold \d+ non-finite values \(sample 0 score = (NaN|Infinity)/);
  });
});

/**
 * A saved model as `encode` and `detect` read it: columns matched by name,
 * the metadata validated, model.json read with a size bound.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cp, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvRows, hourglass, tempDir } from './in-process.js';

const dir = tempDir();
const run = join(dir, 'run');
const model = join(run, 'model');
const NAMES = ['a', 'b', 'c', 'd', 'e'];

/** Rows of five related columns (a curve in 5-D, every twelfth row off it) and an unrelated x; `order` picks and orders the columns written. */
function table(order: string[], label = false): string {
  const lines = [[...order, ...(label ? ['y'] : [])].join(',')];
  for (let i = 0; i < 120; i++) {
    const t = ((i * 37) % 100) / 100;
    const odd = i % 12 === 0;
    const v: Record<string, number> = { a: t, b: 2 * t + (odd ? 1.5 : 0), c: t * t, d: 1 - t, e: Math.sin(3 * t) - (odd ? 1 : 0), x: i % 7 };
    lines.push([...order.map((n) => v[n].toFixed(4)), ...(label ? [odd ? 1 : 0] : [])].join(','));
  }
  return lines.join('\n') + '\n';
}

async function file(name: string, text: string): Promise<string> {
  await writeFile(join(dir, name), text);
  return join(dir, name);
}

const scores = async (m: string, data: string, ...more: string[]) => {
  const out = join(dir, 'scores.csv');
  const r = await hourglass('encode', '--model', m, '--data', data, '--out', out, '--what', 'scores', '--backend', 'cpu', ...more);
  expect(r.code, r.stderr).toBe(0);
  return csvRows(await readFile(out, 'utf8')).slice(1).map((row) => Number(row[0]));
};

/** A copy of the model with its model.json changed by `edit`. */
async function edited(name: string, edit: (json: Record<string, any>) => void): Promise<string> {
  const copy = join(dir, name);
  await cp(model, copy, { recursive: true });
  const json = JSON.parse(await readFile(join(copy, 'model.json'), 'utf8'));
  edit(json);
  await writeFile(join(copy, 'model.json'), JSON.stringify(json));
  return copy;
}

beforeAll(async () => {
  await file('train.csv', table(NAMES));
  await file('permuted.csv', table(['d', 'a', 'e', 'c', 'b']));
  await file('extra.csv', table(['e', 'x', 'd', 'c', 'b', 'a']));
  const r = await hourglass('train', '--data', join(dir, 'train.csv'), '--latent', '2', '--hidden', '8', '--loss', 'mse', '--epochs', '8', '--contamination', '0.05', '--backend', 'cpu', '--out', run, '--json', '--quiet');
  expect(r.code, r.stderr).toBe(0);
});

describe('the columns a model was trained on', () => {
  it('are saved with the model', async () => {
    const json = JSON.parse(await readFile(join(model, 'model.json'), 'utf8'));
    expect(json.metadata.columns).toEqual(NAMES);
  });
  it('are picked from the data by name: a file with its columns permuted, or with more columns, scores the same', async () => {
    const ref = await scores(model, join(dir, 'train.csv'));
    const permuted = join(dir, 'permuted.csv');
    expect(await scores(model, permuted)).toEqual(ref);
    const extra = join(dir, 'extra.csv'); // x is not a column of the model
    expect(await scores(model, extra)).toEqual(ref);
  });
  it('refuses data lacking one of them, naming it, with both lists', async () => {
    const missing = await file('missing.csv', table(['a', 'b', 'd', 'e']));
    const r = await hourglass('encode', '--model', model, '--data', missing, '--out', join(dir, 'x.npy'), '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `hourglass: ${missing}: the model was trained on the columns "a", "b", "c", "d", "e", but the data has "a", "b", "d", "e": "c" is missing. ` +
        'Give data with every column the model was trained on (in any order; --columns picks them by name)\n',
    );
    const d = await hourglass('detect', '--model', model, '--data', missing, '--backend', 'cpu');
    expect(d.stderr).toMatch(/"c" is missing/);
  });
  it('refuses a label column that is also a feature column', async () => {
    const labelled = await file('labelled.csv', table(NAMES, true));
    const r = await hourglass('detect', '--model', model, '--data', labelled, '--label', 'y', '--columns', 'a,b,c,d,e,y', '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`hourglass: ${labelled}, line 1: the label column "y" cannot also be a feature column: leave it out of columns\n`);
    const ok = await hourglass('detect', '--model', model, '--data', labelled, '--label', 'y', '--backend', 'cpu', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).evaluation.anomalies).toBe(10);
  });
});

describe('the columns of a windowed model', () => {
  it('are picked by name within each step, and name the reconstructions by column and step', async () => {
    const windowed = join(dir, 'windowed');
    const r = await hourglass('train', '--data', join(dir, 'train.csv'), '--columns', 'c,a', '--window', '3', '--latent', '2', '--hidden', '4', '--loss', 'mse', '--epochs', '1', '--backend', 'cpu', '--out', windowed, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const m = join(windowed, 'model');
    const ref = await scores(m, join(dir, 'train.csv'), '--window', '3');
    expect(ref).toHaveLength(118);
    expect(await scores(m, join(dir, 'extra.csv'), '--window', '3')).toEqual(ref);
    const out = join(dir, 'windows.csv');
    expect((await hourglass('encode', '--model', m, '--data', join(dir, 'permuted.csv'), '--window', '3', '--what', 'reconstructions', '--out', out, '--backend', 'cpu')).code).toBe(0);
    expect(csvRows(await readFile(out, 'utf8'))[0]).toEqual(['c[0]', 'a[0]', 'c[1]', 'a[1]', 'c[2]', 'a[2]']);
  });
});

describe("the model's anomaly metadata", () => {
  it('is validated on read, naming the model file and field', async () => {
    const text = await edited('text-threshold', (j) => (j.metadata.anomaly.threshold = 'high'));
    const r = await hourglass('detect', '--model', text, '--data', join(dir, 'train.csv'), '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`hourglass: ${text}/model.json: "metadata.anomaly.threshold" must be a finite number, found "high"; retrain the model, or remove the field\n`);
    const contamination = await edited('big-contamination', (j) => (j.metadata.anomaly.contamination = 1.5));
    const c = await hourglass('detect', '--model', contamination, '--data', join(dir, 'train.csv'), '--backend', 'cpu');
    expect(c.stderr).toMatch(/model\.json: "metadata\.anomaly\.contamination" must be a number in \[0, 1\), found 1\.5/);
    const columns = await edited('bad-columns', (j) => (j.metadata.columns = ['a', 3]));
    const k = await hourglass('encode', '--model', columns, '--data', join(dir, 'train.csv'), '--out', join(dir, 'x.npy'), '--backend', 'cpu');
    expect(k.stderr).toMatch(/model\.json: "metadata\.columns" must be a list of distinct column names, found \["a",3\]/);
  });
});

describe('model.json', () => {
  it('is refused by its size before it is read, with its path', async () => {
    const huge = await edited('huge', () => {});
    await truncate(join(huge, 'model.json'), 300 * 1024 * 1024);
    const r = await hourglass('detect', '--model', huge, '--data', join(dir, 'train.csv'), '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^hourglass: ${huge}/model.json: is 314572800 bytes, more than the 16777216 allowed`));
  });
  it('names its path when it is not JSON', async () => {
    const broken = await edited('broken', () => {});
    await writeFile(join(broken, 'model.json'), '{"format": "hourglass.model", "recipe": {');
    const r = await hourglass('encode', '--model', broken, '--data', join(dir, 'train.csv'), '--out', join(dir, 'x.npy'), '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^hourglass: ${broken}/model.json: not valid JSON`));
  });
});

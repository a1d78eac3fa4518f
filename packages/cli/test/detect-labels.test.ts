/**
 * `detect` reads which samples are anomalies from labels as the data writes
 * them: 0/1, normal/anomaly and ±1 with --positive-label are the same truth,
 * so they give the same figures; what cannot be told apart is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { anomalyLabels } from '../src/anomaly-labels.js';
import { csvRows, hourglass, tempDir } from './in-process.js';

const dir = tempDir();
const model = join(dir, 'run', 'model');
// Normal rows lie on a 2-D surface in 6-D; anomalies break two of its relations.
const row = (a: number, b: number, shift = 0) => [a, b, a * b + shift, Math.sin(3 * a) - shift, Math.cos(3 * b), (a + b) / 2].map((v) => v.toFixed(4));
const normal = (i: number) => row(((i * 37) % 100) / 100, ((i * 61) % 100) / 100);
const isAnomaly = (i: number) => i % 10 === 0;

/** 200 rows, every tenth anomalous, labelled `[normal, anomaly]`. */
async function mixed(name: string, names: [string, string]): Promise<string> {
  const lines = ['f1,f2,f3,f4,f5,f6,label'];
  for (let i = 0; i < 200; i++) {
    const cells = isAnomaly(i) ? row(((i * 37) % 100) / 100, ((i * 61) % 100) / 100, 0.8) : normal(i + 1000);
    lines.push([...cells, names[isAnomaly(i) ? 1 : 0]].join(','));
  }
  const file = join(dir, name);
  await writeFile(file, lines.join('\n') + '\n');
  return file;
}

const detect = (data: string, ...more: string[]) =>
  hourglass('detect', '--model', model, '--data', data, '--label', 'label', '--backend', 'cpu', '--json', ...more);

beforeAll(async () => {
  await writeFile(join(dir, 'normal.csv'), ['f1,f2,f3,f4,f5,f6', ...Array.from({ length: 600 }, (_, i) => normal(i).join(','))].join('\n') + '\n');
  const r = await hourglass('train', '--data', join(dir, 'normal.csv'), '--contamination', '0.02', '--latent', '2', '--hidden', '16', '--loss', 'mse', '--epochs', '20', '--batch-size', '32', '--lr', '0.01', '--backend', 'cpu', '--out', join(dir, 'run'), '--json', '--quiet');
  expect(r.code, r.stderr).toBe(0);
});

describe('detect against labels', () => {
  it('gives the same precision, recall and AUC for 0/1, normal/anomaly and 1/-1 with --positive-label', async () => {
    const zeroOne = await detect(await mixed('01.csv', ['0', '1']));
    const named = await detect(await mixed('named.csv', ['normal', 'anomaly']));
    const iforest = await detect(await mixed('pm1.csv', ['1', '-1']), '--positive-label', '-1');
    const results = [zeroOne, named, iforest].map((r) => {
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    });
    const ref = results[0].evaluation;
    expect(ref.anomalies).toBe(20);
    // a detector that works: the old numbering of text labels turned these into their complements
    expect(ref.rocAuc).toBeGreaterThan(0.9);
    expect(ref.recall).toBeGreaterThan(0.5);
    for (const r of results.slice(1)) expect(r.evaluation).toEqual(ref);
    expect(results.map((r) => r.anomalyLabels)).toEqual([['1'], ['anomaly'], ['-1']]);
  });
  it('writes the labels as the data writes them', async () => {
    const out = join(dir, 'flags.csv');
    expect((await detect(await mixed('named2.csv', ['normal', 'anomaly']), '--out', out)).code).toBe(0);
    const rows = csvRows(await readFile(out, 'utf8'));
    expect(rows[0]).toEqual(['score', 'anomaly', 'label']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(Array.from({ length: 200 }, (_, i) => (isAnomaly(i) ? 'anomaly' : 'normal')));
  });
  it('refuses -1/1 without --positive-label, and unknown names, listing the labels found', async () => {
    const pm = await detect(await mixed('pm1b.csv', ['1', '-1']));
    expect(pm.code).toBe(1);
    expect(pm.stderr).toBe(
      `hourglass: ${join(dir, 'pm1b.csv')}, column "label": labels -1 and 1 are ambiguous: scikit-learn marks anomalies -1 and normal data 1, many datasets mark anomalies 1; ` +
        'the labels found are "-1" (20 rows), "1" (180 rows). Pass --positive-label <label> to name the label of anomalies (every other label counts as normal data)\n',
    );
    const pets = await detect(await mixed('pets.csv', ['cat', 'dog']));
    expect(pets.code).toBe(1);
    expect(pets.stderr).toMatch(/"dog", "cat" are neither an anomaly label .* the labels found are "dog" \(20 rows\), "cat" \(180 rows\)\. Pass --positive-label/);
    const wrong = await detect(await mixed('01b.csv', ['0', '1']), '--positive-label', 'yes');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/--positive-label "yes" is none of the labels; the labels found are "1" \(20 rows\), "0" \(180 rows\)/);
  });
});

describe('anomalyLabels', () => {
  const flags = (labels: string[], positive?: string) => Array.from(anomalyLabels(labels, positive, {}).anomaly);
  it('recognises the usual conventions, in any case', () => {
    expect(flags(['0', '1', '1.0', '+1'])).toEqual([0, 1, 1, 1]);
    expect(flags(['Normal', 'Anomaly', 'outlier', 'inlier'])).toEqual([0, 1, 1, 0]);
    expect(flags(['benign', 'attack', 'fraud'])).toEqual([0, 1, 1]);
    expect(flags(['false', 'true', 'no', 'yes'])).toEqual([0, 1, 0, 1]);
    expect(flags(['0', '0'])).toEqual([0, 0]);
  });
  it('takes the positive label by value for numbers, as written for text', () => {
    expect(flags(['-1', '+1', '1'], '1')).toEqual([0, 1, 1]);
    expect(flags(['-1', '1'], '-1.0')).toEqual([1, 0]);
    expect(flags(['3', '5', '7'], '5')).toEqual([0, 1, 0]);
    expect(flags(['cat', 'dog'], 'dog')).toEqual([0, 1]);
  });
  it('refuses class indices of no known convention', () => {
    expect(() => flags(['0', '1', '2'])).toThrow(/"2" is neither an anomaly label/);
    const digits = Array.from({ length: 30 }, (_, k) => String(k + 2));
    expect(() => flags(digits)).toThrow(/"2", "3", .*"11" and 20 more are neither .* "11" \(1 row\) and 20 more\. Pass --positive-label/);
  });
});

/**
 * The time-series commands as a user runs them (the built bin, in a child
 * process): train with --window/--horizon on a generated periodic series,
 * forecast (CSV and PNG), evaluate against the naive baselines, detect an
 * injected spike step by step. Small windows and few epochs keep it fast.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
const run = (...args: string[]) => runCli(args, dir);
useTempDir('hourglass-series-', (d) => (dir = d));

const STEPS = 480;
const SEASON = 24;
const value = (t: number) => 20 + 10 * Math.sin((2 * Math.PI * t) / SEASON);
/** A CSV of `STEPS` rows: a time column, the periodic `value` and a `temp` column; `spike` adds 25 to those steps of value. */
async function series(name: string, spike: number[] = []): Promise<string> {
  const rows = Array.from({ length: STEPS }, (_, t) => `${t},${(value(t) + (spike.includes(t) ? 25 : 0)).toFixed(4)},${(15 + (t % 7)).toFixed(1)}`);
  const file = join(dir, name);
  await writeFile(file, ['time,value,temp', ...rows].join('\n') + '\n');
  return file;
}
const rowsOf = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').map((l) => l.split(','));
const common = ['--columns', 'value', '--hidden', '16', '--latent', '4', '--loss', 'mse', '--batch-size', '32', '--backend', 'cpu', '--quiet'];

let csv: string;
let forecaster: string;
let reconstructor: string;

beforeAll(async () => {
  csv = await series('periodic.csv');
  forecaster = join(dir, 'forecast-run');
  reconstructor = join(dir, 'detect-run');
  const [f, r] = await Promise.all([
    run('train', '--data', csv, '--window', '48', '--horizon', '6', '--epochs', '2', ...common, '--out', forecaster, '--json'),
    run('train', '--data', csv, '--window', '12', '--epochs', '30', '--lr', '0.01', '--contamination', '0.01', ...common, '--out', reconstructor, '--json'),
  ]);
  expect(f.code, f.stderr).toBe(0);
  expect(r.code, r.stderr).toBe(0);
}, 300_000); // two trainings, slow on a busy machine

describe('train --window', () => {
  it('splits the series by time and records what forecast, detect and evaluate need', async () => {
    const config = JSON.parse(await readFile(join(forecaster, 'config.json'), 'utf8'));
    expect(config.recipe.inputShape).toEqual([48, 1]);
    expect(config.recipe.target).toMatchObject({ shape: [6, 1], objective: 'predict' });
    const [range] = config.split.ranges;
    expect(range.train).toEqual([0, 384]);
    expect(range.test).toEqual([384, 480]);
    expect(config.split).toMatchObject({ series: 1, train: 384 - 54 + 1, test: 96 - 54 + 1 });
    const model = JSON.parse(await readFile(join(forecaster, 'model', 'model.json'), 'utf8'));
    expect(model.metadata).toMatchObject({ columns: ['value'], series: { window: 48, horizon: 6, stride: 1, split: { test: 0.2, validation: 0 } } });
  });
  it('reads several series named with commas, each split by time', async () => {
    const other = await series('second.csv');
    const out = join(dir, 'two');
    const r = await run('train', '--data', `${csv},${other}`, '--window', '12', '--epochs', '1', '--limit', '32', ...common, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.split.ranges).toEqual([
      { train: [0, 384], test: [384, 480] },
      { train: [0, 384], test: [384, 480] },
    ]);
  });
  it('reads a series bundled with the data package by its name', async () => {
    const out = join(dir, 'nab');
    const r = await run('train', '--data', 'nab/art_daily_small_noise', '--window', '288', '--epochs', '1', '--limit', '32', ...common, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.split.ranges).toEqual([{ train: [0, 3226], test: [3226, 4032] }]);
  });
});

describe('a recurrent forecaster', () => {
  it('trains on windows of the series and forecasts from the latest one', async () => {
    const out = join(dir, 'recurrent');
    const r = await run('train', '--variant', 'recurrent', '--set', 'recurrent.units=[4]', '--data', csv, '--columns', 'value', '--window', '12', '--horizon', '3', '--epochs', '1', '--limit', '64', '--backend', 'cpu', '--out', out, '--quiet', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ variants: ['recurrent'], epochs: 1 });
    const f = await run('forecast', '--model', join(out, 'model'), '--data', csv, '--out', join(dir, 'recurrent.csv'), '--backend', 'cpu');
    expect(f.code, f.stderr).toBe(0);
    const rows = await rowsOf(join(dir, 'recurrent.csv'));
    expect(rows.map((row) => row[0])).toEqual(['step', '480', '481', '482']);
    for (const [, v] of rows.slice(1)) expect(Number.isFinite(Number(v))).toBe(true);
  });
});

describe('hourglass forecast', () => {
  it('forecasts the steps after the end of the data, in data units, with a PNG', async () => {
    const out = join(dir, 'latest.csv');
    const png = join(dir, 'latest.png');
    const r = await run('forecast', '--model', join(forecaster, 'model'), '--data', csv, '--out', out, '--png', png, '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'latest', horizon: 6, rows: 6 });
    const rows = await rowsOf(out);
    expect(rows[0]).toEqual(['step', 'value']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([480, 481, 482, 483, 484, 485]);
    for (const [, v] of rows.slice(1)) expect(Math.abs(Number(v) - 20)).toBeLessThan(30); // data units, not scaled
    const image = PNG.sync.read(await readFile(png));
    expect([image.width, image.height]).toEqual([960, 240]);
  });
  it('rolls over the test range beside the truth', async () => {
    const out = join(dir, 'rolling.csv');
    const r = await run('forecast', '--model', join(forecaster, 'model'), '--data', csv, '--out', out, '--rolling', '--png', join(dir, 'rolling.png'), '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ mode: 'rolling', windows: 43, rows: 43 * 6 });
    const rows = await rowsOf(out);
    expect(rows[0]).toEqual(['origin', 'step', 'ahead', 'value_forecast', 'value_truth']);
    expect(rows[1].slice(0, 3)).toEqual(['432', '432', '1']); // the test range starts at step 384; the first window ends at 431
    for (const row of rows.slice(1)) expect(Number(row[4])).toBeCloseTo(value(Number(row[1])), 3);
    expect(PNG.sync.read(await readFile(join(dir, 'rolling.png'))).width).toBe(960);
  });
});

describe('hourglass evaluate', () => {
  it('reports mae and rmse on the test range beside the naive and seasonal-naive forecasts', async () => {
    const r = await run('evaluate', '--model', join(forecaster, 'model'), '--data', csv, '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.windows).toBe(43);
    expect(e.mae).toBeGreaterThan(0);
    expect(e.rmse).toBeGreaterThanOrEqual(e.mae);
    expect(e.baselines.naive.mae).toBeGreaterThan(1);
    // a purely periodic series: one season back is the truth
    expect(e.baselines.seasonalNaive).toMatchObject({ season: SEASON, seasonSource: 'detected' });
    expect(e.baselines.seasonalNaive.mae).toBeLessThan(1e-3);
    const given = JSON.parse((await run('evaluate', '--model', join(forecaster, 'model'), '--data', csv, '--season', '7', '--backend', 'cpu', '--json')).stdout);
    expect(given.baselines.seasonalNaive).toMatchObject({ season: 7, seasonSource: 'given' });
    expect(given.baselines.seasonalNaive.mae).toBeGreaterThan(1);
  });
  it('reports the reconstruction error of a model that does not forecast', async () => {
    const r = await run('evaluate', '--model', join(reconstructor, 'model'), '--data', csv, '--backend', 'cpu');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^reconstruction mse \d.* over \d+ test windows; .*--horizon to forecast/);
  });
});

describe('hourglass detect on a series model', () => {
  it('scores every step and flags the steps of an injected spike', async () => {
    const spiked = await series('spiked.csv', [300, 301, 302]);
    const out = join(dir, 'steps.csv');
    const png = join(dir, 'anomalies.png');
    const r = await run('detect', '--model', join(reconstructor, 'model'), '--data', spiked, '--out', out, '--png', png, '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.steps).toBe(STEPS);
    expect(summary.thresholdSource).toMatch(/^from training \(contamination 0.01 of \d+ training steps\)/);
    const rows = await rowsOf(out);
    expect(rows[0]).toEqual(['step', 'score', 'anomaly']);
    expect(rows.length).toBe(STEPS + 1);
    for (const t of [300, 301, 302]) expect(rows[t + 1][2], `step ${t}`).toBe('1');
    expect(summary.ranges.some(([from, to]: [number, number]) => from <= 300 && to >= 303)).toBe(true);
    const scores = rows.slice(1).map((row) => Number(row[1]));
    expect(scores.indexOf(Math.max(...scores))).toBeGreaterThanOrEqual(300);
    expect(scores.indexOf(Math.max(...scores))).toBeLessThanOrEqual(302);
    expect(PNG.sync.read(await readFile(png)).height).toBe(400);
  });
});

describe('flags that do not go together', () => {
  it.each([
    [['train', '--horizon', '6'], /--horizon needs --window/],
    [['train', '--window', '8', '--objective', 'composite'], /--objective composite needs --horizon/],
    [['train', '--window', '8', '--horizon', '2', '--prediction-weight', '0.5'], /--prediction-weight needs --objective composite/],
    [['train', '--data', 'mnist', '--window', '8', '--limit', '10'], /--window reads a time series/],
  ])('%j', async (args, message) => {
    const r = await run(...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
  it('forecast names a model without a predictor, a model not trained on a series, and a missing column', async () => {
    const noPredictor = await run('forecast', '--model', join(reconstructor, 'model'), '--data', csv, '--out', join(dir, 'x.csv'), '--backend', 'cpu');
    expect(noPredictor.code).toBe(2);
    expect(noPredictor.stderr).toMatch(/has no predictor.*--horizon/);
    const other = join(dir, 'other.csv');
    await writeFile(other, 'time,temp\n' + Array.from({ length: 100 }, (_, t) => `${t},${t % 5}`).join('\n') + '\n');
    const missing = await run('forecast', '--model', join(forecaster, 'model'), '--data', other, '--out', join(dir, 'x.csv'), '--backend', 'cpu');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(other);
    expect(missing.stderr).toMatch(/"value"/);
  });
});

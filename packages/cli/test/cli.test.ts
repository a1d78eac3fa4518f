import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
const run = (args: string[]) => runCli(args, dir);
useTempDir('hourglass-cli-', (d) => (dir = d));

describe('hourglass train', () => {
  it('trains the default model and writes a complete run directory', async () => {
    const out = join(dir, 'run');
    const r = await run(['train', '--epochs', '2', '--limit', '512', '--backend', 'wasm', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ backend: 'wasm', variants: ['undercomplete'], epochs: 2, parameters: 222384, stopReason: 'completed', outDir: out });
    expect(summary.trainLoss).toBeGreaterThan(0.1);
    expect(summary.trainLoss).toBeLessThan(0.7);
    expect(summary.valLoss).toBeLessThan(0.7);
    // without early stopping the val column monitors the test split
    expect(summary.validation).toBe('the test split (monitoring only)');
    expect(summary.valLoss).toBeCloseTo(summary.testLoss, 6);
    expect(summary.samplesPerSec).toBeGreaterThan(100);
    expect(r.stderr).toMatch(/epoch 1\/2  loss 0\.\d{4}  val 0\.\d{4}  [\d,]+ samples\/s  ETA/);
    expect((await readdir(out)).sort()).toEqual(['checkpoint', 'config.json', 'latent.png', 'metrics.jsonl', 'model', 'reconstructions.png', 'summary.json']);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.recipe.variants).toEqual([{ name: 'undercomplete', config: { latent: 32, hidden: [128, 64], activation: 'relu', codeActivation: 'relu', loss: 'bce', kernelInitializer: 'glorotUniform' } }]);
    expect(config.split).toEqual({ train: 512, test: 512, seed: 12345 });
    const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.epoch)).toEqual([0, 1]);
    const png = PNG.sync.read(await readFile(join(out, 'reconstructions.png')));
    expect(png.width).toBeGreaterThan(280);
    expect(png.height).toBeGreaterThan(56);
    const model = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(model.recipe.inputShape).toEqual([28, 28, 1]);
  });
  it('stops early on a part of the training split, never on the test split, and reports the kept epoch', async () => {
    const out = join(dir, 'early');
    const r = await run(['train', '--epochs', '3', '--limit', '512', '--patience', '1', '--backend', 'wasm', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.validation).toBe('0.1 of the training split');
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.train.valSplit).toBe(0.1);
    const history = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const best = Math.min(...history.map((m) => m.valLoss));
    expect(summary.valLoss).toBe(best);
    expect(summary.valLoss).not.toBeCloseTo(summary.testLoss, 4);
  });
  it('takes the four hyperparameters as flags and any option with --set', async () => {
    const out = join(dir, 'flags');
    const r = await run(['train', '--epochs', '1', '--limit', '128', '--backend', 'wasm', '--latent', '8', '--hidden', '64', '--loss', 'mse', '--set', 'undercomplete.activation="elu"', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.recipe.variants[0].config).toMatchObject({ latent: 8, hidden: [64], loss: 'mse', activation: 'elu' });
    expect(config.parameters).toBe(784 * 64 + 64 + 64 * 8 + 8 + 8 * 64 + 64 + 64 * 784 + 784);
  });
  it('composes variants from the command line and draws samples of a generative model', async () => {
    const out = join(dir, 'vae');
    const r = await run(['train', '--variant', 'convolutional,denoising,variational', '--set', 'convolutional.filters=[4,4]', '--set', 'variational.latent=2', '--epochs', '1', '--limit', '128', '--backend', 'wasm', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).variants).toEqual(['convolutional', 'denoising', 'variational']);
    expect((await readdir(out)).sort()).toContain('samples.png');
    const png = PNG.sync.read(await readFile(join(out, 'samples.png')));
    expect(png.height).toBe(17 + 2 * 28 + 3 * 2); // a title band above two rows
  });
  it('plots 2-D codes of the test split, coloured by label, with axes and a legend', async () => {
    const out = join(dir, 'latent2');
    const r = await run(['train', '--latent', '2', '--epochs', '1', '--limit', '256', '--backend', 'wasm', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const png = PNG.sync.read(await readFile(join(out, 'latent.png')));
    expect(png.height).toBe(34 + 400 + 34); // title and axis margins around a 400-pixel plot
    expect(png.width).toBeGreaterThan(56 + 400 + 14 + 30); // tick labels left, the legend right
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    expect(colours.size).toBeGreaterThanOrEqual(5);
  });
  it('resumes from the checkpoint of a run directory: starts at its epoch and continues its losses', async () => {
    const out = join(dir, 'resume');
    // a constant rate, so that the 1-epoch run and the 2-epoch run share their first epoch (the cosine curve depends on --epochs)
    const common = ['train', '--limit', '128', '--backend', 'wasm', '--schedule', 'constant'];
    const metrics = async (d: string) => (await readFile(join(d, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect((await run([...common, '--epochs', '1', '--out', out, '--quiet'])).code).toBe(0);
    const before = await metrics(out);
    const r = await run([...common, '--epochs', '2', '--out', out, '--resume', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).epochs).toBe(2);
    // only the second epoch was trained: a run that ignored --resume would train (and print) epoch 1 again
    expect(r.stderr).toMatch(/epoch 2\/2  loss/);
    expect(r.stderr).not.toMatch(/epoch 1\/2/);
    // each epoch logged once; the first one is the checkpointed run's line, timings included
    const after = await metrics(out);
    expect(after.map((m) => m.epoch)).toEqual([0, 1]);
    expect(after[0]).toEqual(before[0]);
    // the resumed epoch continues the checkpoint: its loss is the one of an uninterrupted two-epoch run
    const straight = join(dir, 'resume-straight');
    expect((await run([...common, '--epochs', '2', '--out', straight, '--quiet'])).code).toBe(0);
    const reference = await metrics(straight);
    expect(after[1].loss).toBeCloseTo(reference[1].loss, 5);
    expect(after[1].loss).not.toBeCloseTo(reference[0].loss, 3);
  });
  it.each([
    [['--variant', 'nope'], /unknown variant "nope"/],
    [['--latent', '0'], /--latent: expected an integer >= 1, got "0"/],
    [['--hidden', '128,x'], /--hidden: expected comma-separated positive integers/],
    [['--set', 'undercomplete.latent=-3'], /variant "undercomplete".latent: expected an integer >= 1, got -3/],
    [['--set', 'undercomplete.hiden=[3]'], /unknown option "hiden"; allowed: latent, hidden/],
    [['--set', 'denoising.std=1'], /variant "denoising" is not in --variant/],
    [['--backend', 'tpu'], /Allowed choices are auto, node, wasm, cpu/],
    [['--variant', 'undercomplete,convolutional'], /exactly one architecture, got "undercomplete" and "convolutional"/],
    [['--variant', 'denoising'], /no architecture among variants \[denoising\]/],
  ])('rejects %j with a clear message and the usage exit code', async (args, message) => {
    const r = await run(['train', '--limit', '16', '--epochs', '1', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('names the file and row of bad data', async () => {
    const csv = join(dir, 'bad.csv');
    await writeFile(csv, 'a,b,c\n1,2,3\n4,x,6\n');
    const r = await run(['train', '--data', csv, '--epochs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv.*(row|line) 3/);
  });
});

describe('tabular data, scaling and hourglass encode', () => {
  it('scales data fitted on the training split, saves the scaling, and applies it when encoding', async () => {
    const csv = join(dir, 'table.csv');
    const rows = ['a,b,c,d,e,f'];
    for (let i = 0; i < 200; i++) {
      const t = (i * 7919) % 100;
      rows.push([t, 100 - t, (t * 3) % 100, t / 2, 50, (t * t) % 97].join(','));
    }
    await writeFile(csv, rows.join('\n') + '\n');
    const out = join(dir, 'tab');
    const r = await run(['train', '--data', csv, '--epochs', '3', '--latent', '2', '--hidden', '8', '--backend', 'wasm', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.scaling).toBe('minmax');
    expect(config.split).toEqual({ train: 160, test: 40, seed: 12345 });
    const model = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(model.scaling.kind).toBe('minmax');
    const summary = JSON.parse(r.stdout);
    expect(summary.trainLoss).toBeLessThan(0.75);
    for (const what of ['codes', 'scores', 'reconstructions']) {
      const file = join(dir, `${what}.npy`);
      const e = await run(['encode', '--model', join(out, 'model'), '--data', csv, '--out', file, '--what', what, '--backend', 'wasm', '--json']);
      expect(e.code, e.stderr).toBe(0);
      const res = JSON.parse(e.stdout);
      expect(res).toMatchObject({ rows: 200, scaled: true });
      expect(res.shape).toEqual({ codes: [200, 2], scores: [200], reconstructions: [200, 6] }[what]);
      const { readNpy } = await import('@hourglass/data');
      const arr = readNpy(file);
      expect(arr.n).toBe(200);
      for (const v of arr.x) expect(Number.isFinite(v)).toBe(true);
    }
    const unscaled = await run(['train', '--data', csv, '--scale', 'none', '--epochs', '1', '--backend', 'wasm', '--out', join(dir, 'unscaled')]);
    expect(unscaled.code).toBe(2);
    expect(unscaled.stderr).toMatch(/binary cross-entropy needs data in \[0, 1\].*--scale minmax.*--loss mse/);
    const bad = await run(['encode', '--model', join(out, 'model'), '--data', csv, '--out', join(dir, 'x.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected a file ending in .npy or .csv; or give --out-format npy\|csv/);
  });
});

describe('anomaly detection', () => {
  it('calibrates a threshold at training and flags anomalies in new data, scored against labels', async () => {
    // Normal rows lie on a 2-D surface in 6-D; anomalies break two of its relations.
    const row = (a: number, b: number, shift = 0) => [a, b, a * b + shift, Math.sin(3 * a) - shift, Math.cos(3 * b), (a + b) / 2].map((v) => v.toFixed(4));
    const normal = (i: number) => row(((i * 37) % 100) / 100, ((i * 61) % 100) / 100);
    const train = ['f1,f2,f3,f4,f5,f6,label', ...Array.from({ length: 600 }, (_, i) => [...normal(i), 0].join(','))];
    const mixed = ['f1,f2,f3,f4,f5,f6,label'];
    for (let i = 0; i < 200; i++) {
      const anomalous = i % 10 === 0;
      const cells = anomalous ? row(((i * 37) % 100) / 100, ((i * 61) % 100) / 100, 0.8) : normal(i + 1000);
      mixed.push([...cells, anomalous ? 1 : 0].join(','));
    }
    await writeFile(join(dir, 'normal.csv'), train.join('\n') + '\n');
    await writeFile(join(dir, 'mixed.csv'), mixed.join('\n') + '\n');
    const out = join(dir, 'anomaly');
    const r = await run(['train', '--data', join(dir, 'normal.csv'), '--label', 'label', '--contamination', '0.02', '--latent', '2', '--hidden', '16', '--loss', 'mse', '--epochs', '40', '--batch-size', '32', '--lr', '0.01', '--backend', 'wasm', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).anomalyThreshold).toBeGreaterThan(0);
    const flagsFile = join(dir, 'flags.csv');
    const d = await run(['detect', '--model', join(out, 'model'), '--data', join(dir, 'mixed.csv'), '--label', 'label', '--out', flagsFile, '--backend', 'wasm', '--json']);
    expect(d.code, d.stderr).toBe(0);
    const summary = JSON.parse(d.stdout);
    expect(summary.rows).toBe(200);
    expect(summary.thresholdSource).toMatch(/from training \(contamination 0.02/);
    expect(summary.evaluation.anomalies).toBe(20);
    expect(summary.evaluation.rocAuc, JSON.stringify(summary.evaluation)).toBeGreaterThan(0.95);
    expect(summary.evaluation.recall, JSON.stringify(summary.evaluation)).toBeGreaterThan(0.8);
    expect(summary.evaluation.precision, JSON.stringify(summary.evaluation)).toBeGreaterThan(0.6);
    const lines = (await readFile(flagsFile, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('score,anomaly,label');
    expect(lines).toHaveLength(201);
    const recalibrated = await run(['detect', '--model', join(out, 'model'), '--data', join(dir, 'mixed.csv'), '--label', 'label', '--contamination', '0.1', '--backend', 'wasm', '--json']);
    expect(JSON.parse(recalibrated.stdout).flagged).toBe(20);
  });
  it('asks for a threshold when the model has none', async () => {
    const out = join(dir, 'no-threshold');
    expect((await run(['train', '--epochs', '1', '--limit', '64', '--backend', 'wasm', '--out', out, '--quiet'])).code).toBe(0);
    const r = await run(['detect', '--model', join(out, 'model'), '--data', 'mnist', '--backend', 'wasm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no anomaly threshold; train it with --contamination/);
  });
});

describe('data flags', () => {
  it('reads chosen CSV columns as a time series, split by time into windows of each range', async () => {
    const csv = join(dir, 'series.csv');
    const lines = ['t,temp,hum,label'];
    for (let i = 1; i <= 200; i++) lines.push(`${i},${20 + (i % 7)},${50 + (i % 11)},${i % 2}`);
    await writeFile(csv, lines.join('\n') + '\n');
    const out = join(dir, 'series');
    const r = await run(['train', '--data', csv, '--columns', 'temp,hum', '--window', '8', '--stride', '2', '--epochs', '1', '--latent', '3', '--hidden', '8', '--loss', 'mse', '--backend', 'cpu', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/tfjs-node/); // no advert from the cpu backend
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.recipe.inputShape).toEqual([8, 2]);
    // 160 training steps and 40 test steps, cut into windows of 8 every 2 steps inside each range
    expect(config.split).toMatchObject({ train: 77, test: 17, ranges: [{ train: [0, 160], test: [160, 200] }] });
  });
  it('names an unknown column', async () => {
    const csv = join(dir, 'cols.csv');
    await writeFile(csv, 'a,b\n1,2\n3,4\n');
    const r = await run(['train', '--data', csv, '--columns', 'a,zz', '--epochs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/zz/);
  });
});

describe('hourglass bench', () => {
  it('trains a reference model and reports samples/s, losses and memory as JSON', async () => {
    const r = await run(['bench', '--model', 'A', '--backend', 'wasm', '--epochs', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ model: 'A', backend: 'wasm', epochs: 2, warmup: 1, parameters: 222384 });
    const { median, min, max } = result.samplesPerSec;
    expect(min).toBeGreaterThan(100);
    expect(min).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(max);
    expect(result.trainLoss).toBeLessThan(0.7);
    expect(result.testLoss).toBeGreaterThan(0);
    expect(result.testLoss).toBeLessThan(0.7);
    expect(result.peakRssMB).toBeGreaterThan(50);
  });
  it('rejects an unknown model', async () => {
    const r = await run(['bench', '--model', 'D']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/D/);
  });
});

describe('hourglass variants and backends', () => {
  it('lists the installed variants with their options', async () => {
    const r = await run(['variants', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout);
    const u = list.find((v: { name: string }) => v.name === 'undercomplete');
    expect(u).toMatchObject({ role: 'architecture', options: { latent: { default: 32 } } });
    const byName = (name: string) => list.find((v: { name: string }) => v.name === name);
    expect(byName('recurrent')).toMatchObject({ role: 'architecture', options: { cell: { default: 'lstm' }, units: { default: [64] } } });
    expect(byName('temporal-conv')).toMatchObject({ role: 'architecture', options: { filters: { default: [32, 16] }, kernelSize: { default: 7 } } });
  });
  it('lists backends', async () => {
    const r = await run(['backends', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((x: { name: string }) => x.name)).toEqual(['node', 'wasm', 'cpu']);
    expect(rows.find((x: { name: string }) => x.name === 'wasm').available).toBe(true);
    expect(rows.find((x: { name: string }) => x.name === 'wasm').details.simd).toBe(true);
  });
  it('says the same in text as in --json', async () => {
    const [text, json] = await Promise.all([run(['backends']), run(['backends', '--json'])]);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    const rows = JSON.parse(json.stdout) as Array<{ name: string; available: boolean; reason?: string; details: { package?: string; simd?: boolean; threads?: number } }>;
    expect(lines.length).toBe(rows.length);
    rows.forEach((row, i) => {
      const line = lines[i];
      expect(line.startsWith(`${row.name.padEnd(5)} ${row.available ? 'yes' : 'no '}`), line).toBe(true);
      if (!row.available) return expect(line).toContain(row.reason);
      const d = row.details;
      if (d.package !== undefined) expect(line).toContain(d.package);
      if (d.simd !== undefined) expect(line).toContain(`SIMD ${d.simd ? 'yes' : 'no'}`);
      if (d.threads !== undefined) expect(line).toMatch(new RegExp(`\\b${d.threads} threads?\\b`));
    });
  });
});

/**
 * generate, embed and inspect on saved models, as subprocesses: a small VAE
 * with a 2-D code and a plain autoencoder (8-D code) on MNIST, and a plain
 * autoencoder on a folder of PNG images with two classes.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readData } from '@hourglass/data';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
const run = (...args: string[]) => runCli(args, dir);
useTempDir('hourglass-explore-', (d) => (dir = d));
const png = async (file: string) => PNG.sync.read(await readFile(file));
/** Distinct colours of a PNG. */
const colours = (image: PNG) => {
  const set = new Set<string>();
  for (let i = 0; i < image.data.length; i += 4) set.add(`${image.data[i]},${image.data[i + 1]},${image.data[i + 2]}`);
  return set;
};
const TRAIN = ['--epochs', '1', '--limit', '256', '--backend', 'wasm', '--quiet'];

beforeAll(async () => {
  // two tiny classes of 12x12 gray images: a bright square top-left, or bottom-right
  const images = join(dir, 'images');
  for (const [name, at] of [['left', 1], ['right', 6]] as const) {
    mkdirSync(join(images, name), { recursive: true });
    for (let k = 0; k < 6; k++) {
      const image = new PNG({ width: 12, height: 12 });
      for (let y = 0; y < 12; y++)
        for (let x = 0; x < 12; x++) {
          const on = y >= at && y < at + 5 && x >= at && x < at + 5;
          const v = on ? 200 + k * 5 : 10 * k;
          image.data.set([v, v, v, 255], (y * 12 + x) * 4);
        }
      writeFileSync(join(images, name, `${k}.png`), PNG.sync.write(image));
    }
  }
  const trained = await Promise.all([
    run('train', '--variant', 'undercomplete,variational', '--hidden', '32', '--set', 'variational.latent=2', '--out', join(dir, 'vae'), ...TRAIN),
    run('train', '--latent', '8', '--hidden', '32', '--out', join(dir, 'ae'), ...TRAIN),
    run('train', '--conditional', '--variant', 'undercomplete,variational', '--hidden', '32', '--set', 'variational.latent=2', '--out', join(dir, 'cvae'), ...TRAIN),
    run('train', '--data', images, '--latent', '3', '--hidden', '16', '--epochs', '2', '--backend', 'wasm', '--out', join(dir, 'img'), '--quiet'),
  ]);
  for (const r of trained) expect(r.code, r.stderr).toBe(0);
}, 240_000);

describe('hourglass generate', () => {
  it('samples the prior of a generative model: NPY in data units, a titled PNG grid, a JSON summary', async () => {
    const [npy, pic] = [join(dir, 'samples.npy'), join(dir, 'samples.png')];
    const r = await run('generate', '--model', join(dir, 'vae', 'model'), '--count', '12', '--seed', '3', '--out', npy, '--png', pic, '--backend', 'wasm', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ mode: 'prior', count: 12, shape: [12, 28, 28, 1], seed: 3, out: npy, png: pic });
    const samples = readData(npy);
    expect([samples.n, ...samples.sampleShape]).toEqual([12, 28, 28, 1]);
    expect(samples.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    const image = await png(pic);
    expect(image.height).toBe(17 + 2 * 28 + 3 * 2); // title band, two rows (10 + 2)
    expect(image.width).toBe(10 * 28 + 11 * 2);
    // the same seed gives the same samples
    const again = await run('generate', '--model', join(dir, 'vae', 'model'), '--count', '12', '--seed', '3', '--out', join(dir, 'again.npy'), '--backend', 'wasm');
    expect(again.code, again.stderr).toBe(0);
    expect(readData(join(dir, 'again.npy')).x).toEqual(samples.x);
  });
  it('samples a chosen class of a conditional model, by name or index', async () => {
    const pic = join(dir, 'seven.png');
    const r = await run('generate', '--model', join(dir, 'cvae', 'model'), '--class', '7', '--count', '5', '--png', pic, '--out', join(dir, 'seven.npy'), '--backend', 'wasm', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'class', count: 5, class: 7, shape: [5, 28, 28, 1] });
    expect((await png(pic)).height).toBe(17 + 28 + 2 * 2);
    const bad = await run('generate', '--model', join(dir, 'cvae', 'model'), '--class', 'eleven', '--png', pic, '--backend', 'wasm');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/class "eleven" is not one of the model's classes/);
    const inspected = await run('inspect', '--model', join(dir, 'cvae', 'model'), '--backend', 'wasm', '--json');
    expect(JSON.parse(inspected.stdout)).toMatchObject({ conditional: true });
  });
  it('interpolates between two inputs of any model with a decoder, CSV out', async () => {
    const csv = join(dir, 'path.csv');
    const pic = join(dir, 'path.png');
    const r = await run('generate', '--model', join(dir, 'ae', 'model'), '--data', 'mnist', '--interpolate', '0,7', '--steps', '6', '--out', csv, '--png', pic, '--backend', 'wasm', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'interpolate', count: 6, from: 0, to: 7, steps: 6, shape: [6, 28, 28, 1] });
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0].split(',')).toHaveLength(784);
    const image = await png(pic);
    expect(image.height).toBe(17 + 2 * 28 + 3 * 2); // decoded path above the two inputs
    expect(image.width).toBeGreaterThan(6 * 28 + 7 * 2); // row labels on the left
  });
  it('interpolates on a folder of images', async () => {
    const r = await run('generate', '--model', join(dir, 'img', 'model'), '--data', join(dir, 'images'), '--interpolate', '0,11', '--steps', '4', '--png', join(dir, 'img-path.png'), '--backend', 'wasm', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'interpolate', shape: [4, 12, 12, 1] });
    expect((await png(join(dir, 'img-path.png'))).height).toBe(17 + 2 * 12 + 3 * 2);
  });
  it.each([
    [['--model', 'ae', '--count', '4', '--png', 'x.png'], /ae.model: this model cannot generate samples: its variants \[undercomplete\] have no prior.*"variational".*--interpolate/],
    [['--model', 'vae', '--class', '3', '--png', 'x.png'], /--class needs a conditional model \(trained with --conditional\)/],
    [['--model', 'vae', '--count', '4'], /nothing to write: give --out/],
    [['--model', 'vae', '--count', '4', '--out', 'x.txt'], /--out .*x\.txt: expected a file ending in \.npy or \.csv/],
    [['--model', 'ae', '--interpolate', '0,1', '--png', 'x.png'], /--interpolate I,J needs --data/],
    [['--model', 'ae', '--data', 'mnist', '--interpolate', '0,10000', '--png', 'x.png'], /--interpolate: J = 10000 is past the end of mnist, which has 10000 samples/],
    [['--model', 'ae', '--data', 'mnist', '--interpolate', '0', '--png', 'x.png'], /--interpolate: expected two sample indices I,J/],
  ])('refuses %j with a clear message and the usage exit code', async (args, message) => {
    const [model, ...rest] = args.slice(1);
    const r = await run('generate', '--model', join(dir, model, 'model'), ...rest.map((a) => (a.endsWith('.png') || a.endsWith('.txt') ? join(dir, a) : a)), '--backend', 'wasm');
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('hourglass embed', () => {
  it('maps codes of more than two numbers by pca: labelled CSV and a scatter with a legend', async () => {
    const [csv, pic] = [join(dir, 'map.csv'), join(dir, 'map.png')];
    const r = await run('embed', '--model', join(dir, 'ae', 'model'), '--data', 'mnist', '--limit', '300', '--out', csv, '--png', pic, '--backend', 'wasm', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ rows: 300, codeSize: 8, method: 'pca', labelled: true, out: csv, png: pic });
    expect(summary.explained[0]).toBeGreaterThanOrEqual(summary.explained[1]);
    expect(summary.explained[0] + summary.explained[1]).toBeLessThanOrEqual(summary.totalVariance * (1 + 1e-6));
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('label,x,y');
    expect(lines).toHaveLength(301);
    expect(lines.slice(1).every((l) => /^\d,-?[\d.e-]+,-?[\d.e-]+$/.test(l))).toBe(true);
    const image = await png(pic);
    expect(image.width).toBeGreaterThan(image.height); // the legend beside the plot
    expect(colours(image).size).toBeGreaterThanOrEqual(10);
  });
  it('plots a 2-D code as it is, and a folder of images by class', async () => {
    const r = await run('embed', '--model', join(dir, 'vae', 'model'), '--data', 'mnist', '--limit', '100', '--out', join(dir, 'vae.csv'), '--backend', 'wasm', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 100, codeSize: 2, method: 'code', explained: null });
    const forced = await run('embed', '--model', join(dir, 'vae', 'model'), '--data', 'mnist', '--limit', '100', '--method', 'pca', '--out', '-', '--backend', 'wasm');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout.trim().split('\n')).toHaveLength(101);
    const img = await run('embed', '--model', join(dir, 'img', 'model'), '--data', join(dir, 'images'), '--out', join(dir, 'img.csv'), '--png', join(dir, 'img-map.png'), '--backend', 'wasm', '--json');
    expect(img.code, img.stderr).toBe(0);
    expect(JSON.parse(img.stdout)).toMatchObject({ rows: 12, codeSize: 3, method: 'pca', labelled: true });
    const labels = (await readFile(join(dir, 'img.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(new Set(labels)).toEqual(new Set(['left', 'right']));
  });
  it.each([
    [['--out', 'x.npy'], /--out .*x\.npy: expected a file ending in \.csv/],
    [['--png', 'x.jpg'], /--png .*x\.jpg: expected a file ending in \.png/],
    [[], /nothing to write/],
  ])('refuses %j', async (args, message) => {
    const r = await run('embed', '--model', join(dir, 'ae', 'model'), '--data', 'mnist', ...args.map((a) => (a.includes('.') ? join(dir, a) : a)), '--backend', 'wasm');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('hourglass inspect', () => {
  it('lists variants, layers with shapes and parameters, training configuration and final metrics', async () => {
    const r = await run('inspect', '--model', join(dir, 'vae', 'model'), '--backend', 'wasm', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const summary = JSON.parse(await readFile(join(dir, 'vae', 'summary.json'), 'utf8'));
    expect(report.variants.map((v: { name: string; role: string }) => [v.name, v.role])).toEqual([['undercomplete', 'architecture'], ['variational', 'latent']]);
    expect(report.variants[1].config).toMatchObject({ latent: 2 });
    expect(report).toMatchObject({ inputShape: [28, 28, 1], codeShape: [2], canGenerate: true, conditional: false, residual: false });
    expect(report.parameters.total).toBe(summary.parameters);
    const parts = Object.entries(report.parameters).filter(([k]) => k !== 'total').map(([, v]) => v as number);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(summary.parameters);
    expect(Object.keys(report.parameters)).toEqual(expect.arrayContaining(['encoder', 'latent head mean', 'latent head logVar', 'decoder']));
    const dense = report.layers.find((l: { part: string; type: string }) => l.part === 'encoder' && l.type === 'dense');
    expect(dense).toMatchObject({ outputShape: [32], parameters: 784 * 32 + 32 });
    expect(report.training.train).toMatchObject({ epochs: 1 });
    expect(report.metrics.summary).toMatchObject({ epochs: 1, stopReason: 'completed' });
    const text = await run('inspect', '--model', join(dir, 'img', 'model'), '--backend', 'wasm');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/model .*img.model: input \[12, 12, 1\], code \[3\]/);
    expect(text.stdout).toMatch(/undercomplete \(architecture\)/);
    expect(text.stdout).toMatch(/encoder\/dense_\d+\s+\[16\]\s+2,320/);
    expect(text.stdout).toMatch(/final metrics: train loss \d\.\d{4}/);
  });
  it('says when there is no run directory, and names a missing model', async () => {
    const missing = await run('inspect', '--model', join(dir, 'nope'), '--backend', 'wasm');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope/);
  });
});

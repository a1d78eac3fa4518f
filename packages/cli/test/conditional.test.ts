import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { classIndex, classNamesOf, withConditions } from '../src/class-names.js';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
const run = (args: string[]) => runCli(args, dir);
useTempDir('hourglass-conditional-', (d) => (dir = d));

const cvae = ['--variant', 'undercomplete,variational', '--hidden', '32', '--set', 'variational.latent=2', '--epochs', '1', '--limit', '200', '--backend', 'wasm', '--quiet'];
const digits = Array.from({ length: 10 }, (_, i) => String(i));

describe('hourglass train --conditional', () => {
  it('trains a conditional VAE on the data labels and saves the condition and the class names', async () => {
    const out = join(dir, 'cvae');
    const r = await run(['train', ...cvae, '--conditional', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).variants).toEqual(['undercomplete', 'variational']);
    const json = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(json.recipe.condition).toEqual({ classes: 10, embedding: 0 });
    expect(json.metadata.classNames).toEqual(digits);
    expect(JSON.parse(await readFile(join(out, 'config.json'), 'utf8')).recipe.condition).toEqual({ classes: 10, embedding: 0 });
    expect(await readdir(out)).toEqual(expect.arrayContaining(['samples.png', 'reconstructions.png', 'latent.png']));
    const png = PNG.sync.read(await readFile(join(out, 'samples.png')));
    expect(png.height).toBeGreaterThan(2 * 28);
    expect(classIndex(join(out, 'model'), '7')).toBe(7);
    // a saved conditional model reads the classes of new data from its labels
    const codes = join(dir, 'codes.csv');
    const e = await run(['encode', '--model', join(out, 'model'), '--data', 'mnist', '--out', codes, '--backend', 'wasm']);
    expect(e.code, e.stderr).toBe(0);
    expect((await readFile(codes, 'utf8')).trim().split('\n').length).toBeGreaterThan(100);
  });

  it('learns an embedding of the class with --condition-embedding', async () => {
    const out = join(dir, 'cvae-embedded');
    const r = await run(['train', ...cvae, '--conditional', '--condition-embedding', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(json.recipe.condition).toEqual({ classes: 10, embedding: 4 });
    const names = json.weightsManifest.flatMap((g: { weights: Array<{ name: string; shape: number[] }> }) => g.weights);
    expect(names).toContainEqual({ name: 'condition/dense_0/kernel', shape: [10, 4], dtype: 'float32' });
  });

  it('refuses unlabelled data, naming it, and --condition-embedding without --conditional', async () => {
    const file = join(dir, 'rows.csv');
    await writeFile(file, 'a,b,c\n' + Array.from({ length: 20 }, (_, i) => `${(i % 5) / 5},${(i % 3) / 3},0.5`).join('\n') + '\n');
    const r = await run(['train', '--data', file, '--conditional', '--epochs', '1', '--backend', 'wasm', '--out', join(dir, 'no-labels'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rows\.csv.* has no labels, and --conditional conditions the model on them/);
    const e = await run(['train', '--condition-embedding', '4', '--epochs', '1', '--limit', '50', '--backend', 'wasm', '--out', join(dir, 'no-cond'), '--quiet']);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/--condition-embedding applies to a conditional model; add --conditional/);
  });
});

describe('class names', () => {
  const ds = { name: 'clothes', x: new Float32Array(3), n: 3, sampleShape: [1], labels: Int32Array.of(1, 0, 1), labelNames: ['Coat', 'Sneaker'] };

  it('finds a class by name, by name in any case, or by index, and lists the classes otherwise', () => {
    const metadata = { classNames: ['T-shirt/top', 'Trouser', 'Sneaker'] };
    expect(classIndex(metadata, 'Sneaker')).toBe(2);
    expect(classIndex(metadata, 'sneaker')).toBe(2);
    expect(classIndex(metadata, '1')).toBe(1);
    expect(() => classIndex(metadata, 'Boot')).toThrow(/class "Boot" is not one of the model's classes: 0 "T-shirt\/top", 1 "Trouser", 2 "Sneaker" \(give a name or an index 0..2\)/);
    expect(() => classIndex(metadata, '3')).toThrow(/not one of the model's classes/);
    expect(() => classIndex({}, '1')).toThrow(/not a conditional model/);
    expect(() => classIndex({ classNames: [1, 2] }, '1')).toThrow(/classNames/);
  });

  it('names the classes of labelled data and matches data labels to a model by name', () => {
    expect(classNamesOf(ds, 'clothes')).toEqual(['Coat', 'Sneaker']);
    expect(classNamesOf({ ...ds, labelNames: undefined, labels: Int32Array.of(0, 2, 1) }, 'x')).toEqual(['0', '1', '2']);
    expect(() => classNamesOf({ ...ds, labels: undefined }, 'clothes')).toThrow(/clothes has no labels/);
    expect(Array.from(withConditions(ds, ['Sneaker', 'Coat'], 'clothes').condition)).toEqual([0, 1, 0]);
    expect(() => withConditions(ds, ['Sneaker', 'Boot'], 'clothes')).toThrow(/clothes: sample 1 has label "Coat", which is not one of the model's classes/);
  });
});

/**
 * `hourglass evaluate` on models of rows and images, as a subprocess: the
 * JSON shape and its figures, probes on MNIST and on a folder of PNG
 * images, and the errors for flags or data that do not fit the model.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runCli, useTempDir } from './run-cli.js';

let dir = '';
useTempDir('hourglass-evaluate-', (d) => (dir = d));
const run = (args: string[]) => runCli(args, dir);
const TRAIN = ['--epochs', '2', '--batch-size', '32', '--backend', 'wasm', '--quiet'];

/** A folder of two classes of 8x8 gray PNG images: bright squares top-left or bottom-right, with noise. */
async function imageFolder(root: string, perClass: number): Promise<void> {
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (const [k, name] of ['left', 'right'].entries()) {
    await mkdir(join(root, name), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const png = new PNG({ width: 8, height: 8 });
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          const on = k === 0 ? x < 4 && y < 4 : x >= 4 && y >= 4;
          const v = Math.round(255 * Math.min(1, Math.max(0, (on ? 0.8 : 0.1) + 0.2 * (rand() - 0.5))));
          png.data.set([v, v, v, 255], (y * 8 + x) * 4);
        }
      await writeFile(join(root, name, `${String(i).padStart(3, '0')}.png`), PNG.sync.write(png));
    }
  }
}

describe('evaluate on MNIST', () => {
  it('prints loss and terms, per-sample MSE, BCE and PSNR on the test split; --probe compares codes, raw and PCA', { timeout: 240_000 }, async () => {
    const out = join(dir, 'vae');
    const t = await run(['train', '--variant', 'undercomplete,variational', '--set', 'variational.latent=4', '--hidden', '32', '--limit', '300', '--out', out, ...TRAIN]);
    expect(t.code, t.stderr).toBe(0);
    const model = join(out, 'model');
    const r = await run(['evaluate', '--model', model, '--data', 'mnist', '--limit', '300', '--backend', 'wasm', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['loss', 'terms', 'mse', 'bce', 'psnr', 'n']));
    expect(s.n).toBe(300);
    expect(Object.keys(s.terms).sort()).toEqual(['kl', 'reconstruction']);
    expect(s.loss).toBeCloseTo(s.terms.reconstruction + s.terms.kl, 5);
    expect(s.peak).toBe(1);
    expect(s.evaluated).toMatch(/test split of mnist/);
    expect(s.mse).toBeGreaterThan(0);
    expect(s.mse).toBeLessThan(0.2);
    expect(s.bce).toBeGreaterThan(s.mse);
    expect(s.psnr).toBeGreaterThan(5);
    // the same seed gives the same loss; another seed other noise
    const again = JSON.parse((await run(['evaluate', '--model', model, '--data', 'mnist', '--limit', '300', '--backend', 'wasm', '--json'])).stdout);
    expect(again.loss).toBe(s.loss);
    expect(again.mse).toBe(s.mse);

    const p = await run(['evaluate', '--model', model, '--data', 'mnist', '--limit', '300', '--probe', 'knn', '--backend', 'wasm', '--json']);
    expect(p.code, p.stderr).toBe(0);
    const probe = JSON.parse(p.stdout).probe;
    expect(probe).toMatchObject({ kind: 'knn', dims: 4, rawDims: 784, train: 300, test: 300 });
    for (const k of ['codes', 'raw', 'pca']) {
      expect(probe[k]).toBeGreaterThan(0.2); // far above chance (0.1) even for a barely trained model
      expect(probe[k]).toBeLessThanOrEqual(1);
    }
    const text = await run(['evaluate', '--model', model, '--data', 'mnist', '--limit', '300', '--probe', 'logistic', '--backend', 'wasm']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^evaluated 300 samples: the test split of mnist/);
    expect(text.stdout).toMatch(/loss [\d.]+ \(reconstruction [\d.]+, kl [\d.]+; reconstruction bce, mean per entry\)/);
    expect(text.stdout).toMatch(/per sample: mse [\d.]+, bce [\d.]+, psnr [\d.]+ dB \(peak 1\)/);
    expect(text.stdout).toMatch(/logistic probe, fitted on 300 training samples, test accuracy on 300: codes 0\.\d+ \(4 dims\), raw inputs [\d.]+ \(784 dims\), pca [\d.]+ \(4 dims\)/);

    // flags of the other kind of model, and data that does not fit, are named
    const season = await run(['evaluate', '--model', model, '--data', 'mnist', '--season', '7', '--backend', 'wasm']);
    expect(season.code).toBe(2);
    expect(season.stderr).toMatch(/--season: applies to series models \(trained with --window\), and .* is not a series model/);
    const csv = join(dir, 'rows.csv');
    await writeFile(csv, 'a,b,c\n' + Array.from({ length: 20 }, (_, i) => `${i % 2},0.5,${(i % 3) / 2}`).join('\n') + '\n');
    const shape = await run(['evaluate', '--model', model, '--data', csv, '--backend', 'wasm']);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/--data .*rows\.csv: samples of shape \[3\], but the model takes \[28, 28, 1\]/);
  });
});

describe('evaluate on a folder of images and on rows', () => {
  it('evaluates all of --data with --train-data for the probe; refuses a probe without labels', { timeout: 240_000 }, async () => {
    const images = join(dir, 'images');
    const heldOut = join(dir, 'held-out');
    await imageFolder(images, 30);
    await imageFolder(heldOut, 10);
    const out = join(dir, 'img');
    const t = await run(['train', '--data', images, '--latent', '3', '--hidden', '16', '--out', out, ...TRAIN]);
    expect(t.code, t.stderr).toBe(0);
    const r = await run(['evaluate', '--model', join(out, 'model'), '--data', heldOut, '--train-data', images, '--probe', 'knn', '--backend', 'wasm', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.n).toBe(20);
    expect(s.evaluated).toMatch(/^all of /);
    expect(s.probe).toMatchObject({ kind: 'knn', dims: 3, rawDims: 64, train: 60, test: 20, raw: 1 });

    // rows without labels: the loss and metrics work, a probe is refused naming the data
    const csv = join(dir, 'wide.csv');
    const rows = Array.from({ length: 60 }, (_, i) => Array.from({ length: 6 }, (_, j) => ((i * (j + 1)) % 7) / 7).join(','));
    await writeFile(csv, 'a,b,c,d,e,f\n' + rows.join('\n') + '\n');
    const rowsModel = join(dir, 'rows');
    expect((await run(['train', '--data', csv, '--latent', '2', '--hidden', '4', '--out', rowsModel, ...TRAIN])).code).toBe(0);
    const plain = await run(['evaluate', '--model', join(rowsModel, 'model'), '--data', csv, '--backend', 'wasm', '--json']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({ n: 12, evaluated: expect.stringMatching(/test split of .*wide/) });
    const probe = await run(['evaluate', '--model', join(rowsModel, 'model'), '--data', csv, '--probe', 'knn', '--backend', 'wasm']);
    expect(probe.code).toBe(2);
    expect(probe.stderr).toMatch(/--probe needs labels, and --data .*wide.* has none: .* --label/);
  });
});

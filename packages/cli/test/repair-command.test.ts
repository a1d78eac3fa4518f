/**
 * `hourglass repair` as a user runs it: damage flags, what is written (NPY,
 * CSV, PNG), the `--json` shape with PSNR and baselines, known entries kept
 * exactly, and clear errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { encodeNpy, readNpy } from '@hourglass/data';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
const run = (...args: string[]) => runCli(args, dir);
useTempDir('hourglass-repair-', (d) => (dir = d));

const N = 6;
const PER = 28 * 28;
/** Smooth images in [0, 1]: a bright disc on a dark ground, shifted per image. */
const images = Float32Array.from({ length: N * PER }, (_, j) => {
  const [i, p] = [Math.floor(j / PER), j % PER];
  const [r, c] = [Math.floor(p / 28), p % 28];
  return Math.hypot(r - 12 - i, c - 14 + i) < 8 ? 0.9 : 0.1;
});
let model = '';
let clean = '';
const repair = (...args: string[]) => run('repair', '--model', model, '--data', clean, '--backend', 'cpu', ...args);
const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

beforeAll(async () => {
  const out = join(dir, 'run');
  const r = await run('train', '--limit', '64', '--epochs', '1', '--latent', '8', '--hidden', '32', '--backend', 'cpu', '--quiet', '--out', out);
  expect(r.code, r.stderr).toBe(0);
  model = join(out, 'model');
  clean = join(dir, 'clean.npy');
  await writeFile(clean, encodeNpy(images, [N, 28, 28, 1]));
}, 120_000);

describe('hourglass repair', () => {
  it('fills a box keeping every known pixel, writes NPY and a three-row PNG, and measures against the fills', async () => {
    const [out, png] = [join(dir, 'box.npy'), join(dir, 'box.png')];
    const r = await repair('--box', '8,6,10,12', '--iterations', '3', '--out', out, '--png', png, '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = summaryOf(r.stdout);
    expect(s).toMatchObject({ rows: N, damage: { box: [8, 6, 10, 12] }, region: 'missing entries', iterations: 3, out, png, pngRows: ['clean', 'damaged', 'repaired'] });
    expect(Object.keys(s.baselines).sort()).toEqual(['damaged', 'diffusionFill', 'meanFill']);
    for (const v of [s.psnr, ...Object.values(s.baselines)]) expect(Number.isFinite(v)).toBe(true);
    expect(s.marginDb).toBeCloseTo(s.psnr - Math.max(...(Object.values(s.baselines) as number[])), 2);
    // A disc filled from its border is smooth: diffusion beats leaving the hole black.
    expect(s.baselines.diffusionFill).toBeGreaterThan(s.baselines.damaged);
    const repaired = readNpy(out);
    expect([repaired.n, ...repaired.sampleShape]).toEqual([N, 28, 28, 1]);
    let changed = 0;
    for (let j = 0; j < images.length; j++) {
      const [r0, c0] = [Math.floor((j % PER) / 28), j % 28];
      const inBox = r0 >= 8 && r0 < 18 && c0 >= 6 && c0 < 18;
      if (!inBox) expect(repaired.x[j]).toBe(images[j]);
      else if (repaired.x[j] !== images[j]) changed++;
    }
    expect(changed).toBeGreaterThan(0);
    const pic = PNG.sync.read(await readFile(png));
    expect(pic.height).toBe(17 + 3 * 28 + 4 * 2); // a title band above three labelled rows
    expect(pic.width).toBeGreaterThanOrEqual(N * 28);
  });
  it('undoes noise by reconstruction and measures the whole image against the median and Gaussian filters', async () => {
    const out = join(dir, 'noise.csv');
    const r = await repair('--noise', '0.3', '--seed', '4', '--limit', '3', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = summaryOf(r.stdout);
    expect(s).toMatchObject({ rows: 3, damage: { noise: 0.3 }, region: 'whole samples', iterations: 1 });
    expect(Object.keys(s.baselines).sort()).toEqual(['damaged', 'gaussian', 'median']);
    expect([0.5, 1, 1.5, 2]).toContain(s.baselineSettings.gaussian.sigma);
    expect(s.baselines.median).toBeGreaterThan(s.baselines.damaged);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(',')).toHaveLength(PER);
    // The same seed damages the same way.
    const again = summaryOf((await repair('--noise', '0.3', '--seed', '4', '--limit', '3', '--json')).stdout);
    expect(again.baselines).toEqual(s.baselines);
  });
  it('repairs already-damaged data from a mask file, with no clean row unless --clean names the clean data', async () => {
    const known = Float32Array.from({ length: PER }, (_, p) => (p % 28 < 14 ? 1 : 0)); // the right half is missing
    const maskFile = join(dir, 'mask.npy');
    await writeFile(maskFile, encodeNpy(known, [28, 28, 1]));
    const damagedFile = join(dir, 'damaged.npy');
    await writeFile(damagedFile, encodeNpy(images.map((v, j) => v * known[j % PER]), [N, 28, 28, 1]));
    const png = join(dir, 'mask.png');
    const r = await run('repair', '--model', model, '--data', damagedFile, '--mask', maskFile, '--png', png, '--json', '--backend', 'cpu');
    expect(r.code, r.stderr).toBe(0);
    const s = summaryOf(r.stdout);
    expect(s.psnr).toBeUndefined();
    expect(s.pngRows).toEqual(['damaged', 'repaired']);
    expect(PNG.sync.read(await readFile(png)).height).toBeLessThan(3 * 28);
    const measured = summaryOf((await run('repair', '--model', model, '--data', damagedFile, '--mask', maskFile, '--clean', clean, '--json', '--backend', 'cpu')).stdout);
    expect(Object.keys(measured.baselines).sort()).toEqual(['damaged', 'diffusionFill', 'meanFill']);
    expect(Number.isFinite(measured.psnr)).toBe(true);
  });
  it('repairs with a conditional model, each image given its class from the data\'s labels', async () => {
    const out = join(dir, 'cond');
    const t = await run('train', '--conditional', '--limit', '64', '--epochs', '1', '--latent', '4', '--hidden', '16', '--backend', 'cpu', '--quiet', '--out', out);
    expect(t.code, t.stderr).toBe(0);
    const r = await run('repair', '--model', join(out, 'model'), '--data', 'mnist', '--split', 'test', '--limit', '4', '--box', '10,10,8,8', '--json', '--backend', 'cpu');
    expect(r.code, r.stderr).toBe(0);
    expect(summaryOf(r.stdout)).toMatchObject({ rows: 4, region: 'missing entries' });
  });
  it.each([
    [[], /nothing to write; give --out FILE\.\(npy\|csv\), --png FILE\.png or --json/],
    [['--box', '20,20,10,10', '--json'], /--box 20,20,10,10: the box \[rows 20\.\.29, columns 20\.\.29\] does not fit images of 28x28/],
    [['--box', '1,2,3', '--json'], /--box: expected y,x,height,width/],
    [['--box', '1,1,4,4', '--random-mask', '0.3', '--json'], /--box and --random-mask: give one way of choosing the missing entries/],
    [['--random-mask', '1.5', '--json'], /--random-mask: expected a fraction in \[0, 1\)/],
    [['--noise', '0.1', '--out', 'x.txt'], /--out x\.txt: expected a file ending in \.npy or \.csv/],
  ])('refuses %j naming the flag', async (args, message) => {
    const r = await repair(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('repairs with a residual model trained on diffusion-filled holes, which starts from the diffusion fill', async () => {
    const out = join(dir, 'residual');
    const trained = await run('train', '--limit', '64', '--epochs', '1', '--latent', '8', '--hidden', '32', '--variant', 'undercomplete,denoising', '--set', 'denoising.noise="occlusion"',
      '--set', 'denoising.fill="diffusion"', '--residual', '--backend', 'cpu', '--quiet', '--out', out);
    expect(trained.code, trained.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8')).recipe).toMatchObject({ residual: true });
    const inspected = await run('inspect', '--model', join(out, 'model'));
    expect(inspected.stdout).toMatch(/loss bce, residual\n/);
    const r = await run('repair', '--model', join(out, 'model'), '--data', clean, '--backend', 'cpu', '--box', '8,6,10,12', '--iterations', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = summaryOf(r.stdout);
    // Barely trained, its correction is small: the repair stays near the fill it starts from, far above the blank hole.
    expect(Math.abs(s.psnr - s.baselines.diffusionFill)).toBeLessThan(3);
    expect(s.psnr).toBeGreaterThan(s.baselines.damaged + 5);
    const refused = await run('train', '--limit', '64', '--epochs', '1', '--variant', 'undercomplete,variational', '--residual', '--backend', 'cpu', '--quiet', '--out', join(dir, 'refused'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/residual: the "variational" latent generates from codes alone/);
  }, 120_000);
  it('refuses data of another shape, a bad mask file and a clean file that does not match, naming them', async () => {
    const flat = join(dir, 'flat.npy');
    await writeFile(flat, encodeNpy(new Float32Array(4 * 10), [4, 10]));
    const shape = await run('repair', '--model', model, '--data', flat, '--random-mask', '0.2', '--json', '--backend', 'cpu');
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/--data .*flat\.npy: samples of shape \[10\], but the model in .* takes \[28, 28, 1\]/);
    const badMask = join(dir, 'bad-mask.npy');
    await writeFile(badMask, encodeNpy(new Float32Array(PER).fill(0.5), [28, 28, 1]));
    const mask = await repair('--mask', badMask, '--json');
    expect(mask.code).toBe(2);
    expect(mask.stderr).toMatch(/--mask .*bad-mask\.npy: entry 0 is 0\.5; a mask holds 1 \(known\) and 0 \(missing\)/);
    const wrongClean = await run('repair', '--model', model, '--data', clean, '--clean', flat, '--json', '--backend', 'cpu');
    expect(wrongClean.code).toBe(2);
    expect(wrongClean.stderr).toMatch(/--clean .*flat\.npy: expected 6 samples of shape \[28, 28, 1\] like --data .*clean\.npy, got 4 of \[10\]/);
  });
});

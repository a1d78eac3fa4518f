import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
const run = (args: string[]) => runCli(args, dir);
useTempDir('hourglass-corruptions-', (d) => (dir = d));

const TINY = ['--limit', '64', '--epochs', '1', '--backend', 'cpu', '--quiet'];

describe('a corruption listed more than once', () => {
  it('trains with each occurrence configured by --set name#k, and pictures clean / damaged / repaired', async () => {
    const out = join(dir, 'blur-noise');
    const r = await run([
      'train', '--variant', 'convolutional,denoising,denoising', '--set', 'convolutional.filters=[4,4]',
      '--set', 'denoising.noise="blur"', '--set', 'denoising#2.std=0.1', ...TINY, '--out', out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    const corruptions = config.recipe.variants.filter((v: { name: string }) => v.name === 'denoising');
    expect(corruptions.map((v: { config: { noise: string; std: number } }) => [v.config.noise, v.config.std])).toEqual([
      ['blur', 0.4],
      ['gaussian', 0.1],
    ]);
    // Three rows of 28-pixel tiles (clean, damaged, repaired) with 2-pixel gaps.
    const png = PNG.sync.read(await readFile(join(out, 'reconstructions.png')));
    expect(png.height).toBeGreaterThanOrEqual(3 * 28 + 4 * 2);
  });
  it.each([
    [['--variant', 'undercomplete,denoising', '--set', 'denoising#2.std=0.1'], /--set denoising#2\.std=0\.1: --variant lists "denoising" once, so there is no occurrence #2/],
    [['--variant', 'undercomplete,denoising,denoising', '--set', 'denoising#3.std=0.1'], /lists "denoising" 2 times, so there is no occurrence #3/],
    [['--variant', 'undercomplete,undercomplete'], /variant "undercomplete" is listed twice; only corruption variants may repeat \(it is an architecture\)/],
    [['--set', 'undercomplete#0.latent=3'], /--set: expected variant\.option=value/],
  ])('refuses %j naming the flag', async (args, message) => {
    const r = await run(['train', ...TINY, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

/**
 * The sequence architectures from the command line (the built bin, in a
 * child process): `--variant recurrent` and `--variant temporal-conv` are
 * found as installed plug-ins and train on windows of a bundled series, a
 * forecaster with --horizon and a reconstructor; their saved recipes hold
 * the windows' shape and the target.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
const run = (...args: string[]) => runCli(args, dir);
useTempDir('hourglass-sequence-variants-', (d) => (dir = d));
const series = ['--data', 'nab/art_daily_small_noise', '--columns', 'value', '--epochs', '1', '--backend', 'cpu', '--json', '--quiet'];
const recipeOf = async (out: string) => JSON.parse(await readFile(join(out, 'config.json'), 'utf8')).recipe;

describe('sequence variants from the command line', () => {
  it('trains a recurrent forecaster', async () => {
    const out = join(dir, 'recurrent');
    const r = await run('train', '--variant', 'recurrent', '--set', 'recurrent.units=[8]', '--set', 'recurrent.cell="gru"', '--window', '24', '--horizon', '4', '--limit', '64', ...series, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ variants: ['recurrent'], stopReason: 'completed' });
    expect(await recipeOf(out)).toMatchObject({ inputShape: [24, 1], target: { shape: [4, 1], objective: 'predict' }, variants: [{ name: 'recurrent', config: { cell: 'gru', units: [8] } }] });
  }, 120_000);

  it('trains the temporal convolutional reconstructor, the model of the Keras example', async () => {
    const out = join(dir, 'temporal-conv');
    const r = await run('train', '--variant', 'temporal-conv', '--window', '48', '--limit', '32', ...series, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ variants: ['temporal-conv'], parameters: 9505, stopReason: 'completed' });
    expect((await recipeOf(out)).inputShape).toEqual([48, 1]); // the same 9,505 weights as on windows of 288
  }, 120_000);
});

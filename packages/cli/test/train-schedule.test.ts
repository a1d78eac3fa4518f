import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, useTempDir } from './run-cli.js';

let dir = '';
useTempDir('hourglass-cli-schedule-', (d) => (dir = d));
const run = (args: string[]) => runCli(args, dir);
/** The default recipe: Adam at a peak of 5e-3 with beta2 0.99, warmup, cosine decay. */
const DEFAULT_PEAK = 0.005;
const metrics = async (out: string) => (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
const config = async (out: string) => JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));

describe('hourglass train: the learning-rate schedule', () => {
  it('trains by default with Adam peaking at 5e-3 (beta2 0.99), warming up over a tenth of the epochs then decaying on a cosine, and records it; --schedule constant keeps the rate', async () => {
    const out = join(dir, 'default');
    const r = await run(['train', '--epochs', '10', '--limit', '128', '--batch-size', '64', '--backend', 'wasm', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const c = await config(out);
    expect(c.train.optimizer).toEqual({ name: 'adam', learningRate: DEFAULT_PEAK, beta2: 0.99 });
    expect(c.train.schedule).toEqual({ kind: 'cosine', warmup: 1 });
    // the first epoch warms up to the peak, the last ends at the floor
    const lr = (await metrics(out)).map((m) => m.learningRate);
    expect(lr[0]).toBe(DEFAULT_PEAK);
    expect(lr[4]).toBeCloseTo(DEFAULT_PEAK * 0.5 * (1 + Math.cos((Math.PI * 4) / 9)), 12);
    expect(lr[9]).toBeLessThan(1e-300);
    // Keras' recipe: Adam at a constant 1e-3
    const flat = join(dir, 'constant');
    const f = await run(['train', '--epochs', '2', '--limit', '128', '--schedule', 'constant', '--lr', '0.001', '--beta2', '0.999', '--backend', 'wasm', '--out', flat, '--json', '--quiet']);
    expect(f.code, f.stderr).toBe(0);
    expect((await config(flat)).train).toMatchObject({ schedule: { kind: 'constant' }, optimizer: { name: 'adam', learningRate: 0.001, beta2: 0.999 } });
    expect((await metrics(flat)).map((m) => m.learningRate)).toEqual([0.001, 0.001]);
  });
  it('takes --lr as the peak and --warmup in epochs', async () => {
    const cos = join(dir, 'cosine');
    const r = await run(['train', '--epochs', '4', '--limit', '128', '--batch-size', '64', '--schedule', 'cosine', '--lr', '0.004', '--warmup', '0', '--backend', 'wasm', '--out', cos, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect((await config(cos)).train.schedule).toEqual({ kind: 'cosine', warmup: 0 });
    const lr = (await metrics(cos)).map((m) => m.learningRate);
    // no warmup: after epoch e of 4, (e + 1) / 4 of the way down the half cosine
    expect(lr.slice(0, 3)).toEqual([1, 2, 3].map((e) => expect.closeTo(0.004 * 0.5 * (1 + Math.cos((Math.PI * e) / 4)), 12)));
  });
  it.each([
    [['--schedule', 'linear'], /--schedule.*Allowed choices are constant, cosine/],
    [['--warmup', '-1'], /--warmup: expected a number >= 0, got "-1"/],
    [['--beta2', '1'], /--beta2: expected a fraction in \[0, 1\), got "1"/],
  ])('rejects %j with a clear message and the usage exit code', async (args, message) => {
    const r = await run(['train', '--limit', '16', '--epochs', '1', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { access, appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../bin/hourglass.cjs');
let dir: string;

/** Runs `hourglass train <args>` on tiny MNIST (cpu, quiet); resolves to its exit code and output. */
const hourglassTrain = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const argv = [BIN, 'train', '--limit', '64', '--batch-size', '32', '--latent', '4', '--hidden', '16', '--backend', 'cpu', '--quiet', ...args];
    execFile(process.execPath, argv, { cwd: dir }, (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
const epochsIn = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).epoch);
const exists = (path: string) => access(path).then(() => true, () => false);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hourglass-cli-resume-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hourglass train --resume', () => {
  it('truncates metrics.jsonl to the checkpoint, so a run killed between logging and checkpointing logs no epoch twice', async () => {
    const out = join(dir, 'killed');
    expect((await hourglassTrain('--epochs', '2', '--out', out)).code).toBe(0);
    const metrics = join(out, 'metrics.jsonl');
    // As if killed after logging epoch 3 but before its checkpoint, and mid-way through another line.
    const logged = (await readFile(metrics, 'utf8')).trim().split('\n');
    await appendFile(metrics, logged[1].replace('"epoch":1', '"epoch":2') + '\n{"epoch":3,"lo');
    const r = await hourglassTrain('--epochs', '4', '--out', out, '--resume', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(await epochsIn(metrics)).toEqual([0, 1, 2, 3]);
    expect((await readFile(metrics, 'utf8')).split('\n').slice(0, 2)).toEqual(logged);
    expect(JSON.parse(r.stdout).epochs).toBe(4);
  });
  it('refuses --resume without --out, saying what to pass', async () => {
    const r = await hourglassTrain('--epochs', '1', '--resume');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hourglass: --resume needs --out <run directory>: the run to continue (a directory with a checkpoint/ folder); without --resume a new run starts\n');
  });
  it('refuses --resume of a directory without a checkpoint instead of training from scratch', async () => {
    const out = join(dir, 'empty');
    const r = await hourglassTrain('--epochs', '1', '--resume', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`hourglass: --resume: ${out} has no checkpoint (${join(out, 'checkpoint', 'model.json')} is missing); pass --out of a run that wrote one, or drop --resume`);
    expect(await exists(join(out, 'model'))).toBe(false);
  });
  it('refuses to resume on other data, naming both', async () => {
    const out = join(dir, 'other-data');
    expect((await hourglassTrain('--epochs', '1', '--out', out)).code).toBe(0);
    const r = await hourglassTrain('--epochs', '2', '--out', out, '--resume', '--limit', '48');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/was made on other data \(64 samples of shape \[28, 28, 1\], CRC [0-9a-f]{8}\); this run's data is 48 samples of shape \[28, 28, 1\], CRC [0-9a-f]{8}; resume on the data the run started on, or train without --resume/);
    expect(await epochsIn(join(out, 'metrics.jsonl'))).toEqual([0]);
  });
  it('saves no model when training diverges before any good epoch, and says what to do', async () => {
    const out = join(dir, 'diverged');
    const r = await hourglassTrain('--epochs', '2', '--lr', '1e10', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^hourglass: the loss became NaN in epoch 1 \(by batch 2\), before any epoch ended with finite weights \(the model keeps the weights it started with\); no model was saved; lower the learning rate \(--lr 1000000000\) or clip gradients \(--clip-norm 1\)\n$/);
    expect(await exists(join(out, 'model'))).toBe(false);
  });
});

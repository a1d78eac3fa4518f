import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { access, appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCli } from './run-cli.js';

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
  it('continues the default cosine curve bit for bit when resumed with the same --epochs after a stop', async () => {
    const args = ['--epochs', '2', '--limit', '512', '--batch-size', '16'];
    const out = join(dir, 'stopped');
    // stopped by Ctrl-C during epoch 2: the checkpoint holds epoch 1
    const { child, exited, stderrText } = startCli(['train', '--latent', '4', '--hidden', '16', '--backend', 'cpu', ...args, '--out', out], dir);
    const timer = setInterval(() => {
      if (!/epoch +1\/2/.test(stderrText())) return;
      clearInterval(timer);
      child.kill('SIGINT');
    }, 5);
    const stopped = await exited.finally(() => clearInterval(timer));
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/aborted during epoch 2/);
    const resumed = await hourglassTrain(...args, '--out', out, '--resume');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toBe(''); // same --epochs: no notice
    const straight = join(dir, 'straight');
    expect((await hourglassTrain(...args, '--out', straight)).code).toBe(0);
    const curve = async (d: string) => (await readFile(join(d, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => { const { epoch, loss, valLoss, learningRate } = JSON.parse(l); return { epoch, loss, valLoss, learningRate }; });
    expect(await curve(out)).toEqual(await curve(straight));
    // the saved models are the same bytes (the weights file is named by its hash)
    const files = await readdir(join(straight, 'model'));
    expect(await readdir(join(out, 'model'))).toEqual(files);
    for (const file of files) expect(await readFile(join(out, 'model', file))).toEqual(await readFile(join(straight, 'model', file)));
  });
  it('re-derives the cosine curve for other --epochs from the checkpoint, and says so once', async () => {
    const out = join(dir, 'longer');
    expect((await hourglassTrain('--epochs', '1', '--out', out)).code).toBe(0);
    const r = await hourglassTrain('--epochs', '3', '--out', out, '--resume');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('hourglass: resuming a run started with --epochs 1 with --epochs 3: the cosine schedule is re-derived for 3 epochs (warmup 0.3) and taken up at epoch 2; resume with --epochs 1 to continue the run\'s own curve\n');
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

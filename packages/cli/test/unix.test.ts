/**
 * The CLI as a Unix tool: --version, exit codes (0 ok, 1 failure, 2 usage,
 * 130 after Ctrl-C), results on stdout and progress on stderr, `--out -`,
 * `--plugin` from the working directory, hints in flag syntax, and a run
 * directory that one run at a time may use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readNpy } from '@hourglass/data';
import { runCli, startCli, useTempDir } from './run-cli.js';
import { FLAG_OF } from '../src/flag-hints.js';
import { pluginSpecifier } from '../src/variants.js';

let dir: string;
const run = (args: string[]) => runCli(args, dir);
const TINY = ['--epochs', '1', '--limit', '64', '--backend', 'wasm', '--quiet'];

/** A CSV of 60 rows of 4 features in [0, 1], with a 0/1 label. */
async function table(name: string): Promise<string> {
  const rows = ['a,b,c,d,label'];
  for (let i = 0; i < 60; i++) rows.push([(i % 7) / 7, (i % 5) / 5, (i % 3) / 3, (i % 11) / 11, i % 2].join(','));
  await writeFile(join(dir, name), rows.join('\n') + '\n');
  return join(dir, name);
}

/** A gray PNG of the given size. */
function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(128);
  return PNG.sync.write(image);
}

useTempDir('hourglass-unix-', (d) => (dir = d));

describe('exit codes and --version', () => {
  it('prints the version of the CLI package', async () => {
    const r = await run(['--version']);
    const { version } = JSON.parse(await readFile(join(__dirname, '../package.json'), 'utf8'));
    expect([r.code, r.stdout.trim()]).toEqual([0, version]);
  });
  it.each([
    [['train', '--nope'], /unknown option '--nope'/],
    [['train', '--epochs', 'x'], /--epochs: expected an integer >= 1, got "x"/],
    [['train', '--size', '28'], /--size: expected height,width such as 28,28/],
    [['encode', '--model', 'm'], /required option '--data/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /Usage: hourglass/],
  ])('exits 2 on the usage error %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  it('exits 2 for an Object.prototype name given as a variant option, which was dropped before', async () => {
    const r = await run(['train', ...TINY, '--set', 'undercomplete.constructor=1', '--out', join(dir, 'proto')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/variant "undercomplete": unknown option "constructor"; allowed: latent/);
  });
  it('exits 1 on bad data, and 0 on --help', async () => {
    await writeFile(join(dir, 'text.csv'), 'a,b\n1,2\nx,4\n');
    expect((await run(['train', '--data', join(dir, 'text.csv'), '--epochs', '1'])).code).toBe(1);
    expect((await run(['train', '--help'])).code).toBe(0);
  });
  it('names the path, the cause and what to do when --out is a file', async () => {
    await writeFile(join(dir, 'b-file'), '');
    const r = await run(['train', ...TINY, '--out', join(dir, 'b-file')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^hourglass: .*b-file: mkdir failed: EEXIST \(a file of that name is in the way\); give the path of a folder, or move the file away\n$/);
  });
  it('exits 1 with one line, no stack, when a system call fails', async () => {
    await writeFile(join(dir, 'a-file'), '');
    const r = await run(['train', ...TINY, '--out', join(dir, 'a-file', 'run')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^hourglass: .*a-file\/run: mkdir failed: ENOTDIR \(a file is where a folder was expected\); give the path of a folder \(not a file\), or move the file away\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('hints in flag syntax', () => {
  it('names --missing mask for an empty cell, and that flag then reads the file', async () => {
    const csv = join(dir, 'holes.csv');
    await writeFile(csv, 'a,b,c\n' + Array.from({ length: 30 }, (_, i) => `${i % 3},${i % 2 ? '' : 1},0.5`).join('\n') + '\n');
    const r = await run(['train', '--data', csv, '--epochs', '1', '--backend', 'wasm', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holes\.csv, line 3, column "b": missing value "", expected a finite number; use --missing mask to keep/);
    expect(r.stderr).not.toMatch(/missing: 'mask'/);
    const masked = await run(['train', '--data', csv, '--missing', 'mask', '--loss', 'mse', '--hidden', '4', '--latent', '2', '--epochs', '1', '--backend', 'wasm', '--quiet', '--out', join(dir, 'holes')]);
    expect(masked.code, masked.stderr).toBe(0);
  });
  it('names --size for images of mixed sizes, and --size then resizes them', async () => {
    const images = join(dir, 'images');
    await mkdir(images);
    await writeFile(join(images, 'a.png'), png(4, 4));
    await writeFile(join(images, 'b.png'), png(6, 6));
    for (const name of ['c.png', 'd.png', 'e.png']) await writeFile(join(images, name), png(4, 4));
    const r = await run(['train', '--data', images, '--epochs', '1', '--backend', 'wasm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/b\.png: image is 6x6, expected 4x4 like a\.png; pass --size 4,4 \(height, width\) to resize all images/);
    const resized = await run(['train', '--data', images, '--size', '4,4', '--hidden', '4', '--latent', '2', '--epochs', '1', '--backend', 'wasm', '--json', '--quiet', '--out', join(dir, 'img')]);
    expect(resized.code, resized.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'img', 'config.json'), 'utf8')).recipe.inputShape).toEqual([4, 4, 1]);
  });
  it('names --resume when the checkpoint belongs to another model', async () => {
    const out = join(dir, 'other-model');
    expect((await run(['train', ...TINY, '--latent', '4', '--out', out])).code).toBe(0);
    const r = await run(['train', ...TINY, '--latent', '5', '--out', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/was made by a different model \(recipe differs\); remove it or train without --resume\n/);
  });
  it('names --format for a binary file it cannot recognise', async () => {
    await writeFile(join(dir, 'blob.bin'), Buffer.from([1, 2, 0, 4]));
    const r = await run(['train', '--data', join(dir, 'blob.bin'), '--epochs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/give --format \(idx, npy, csv, images or ratings\) to force a reader/);
  });
  it('maps every option a hint may name to a flag the CLI has', async () => {
    const help = (await Promise.all(['train', 'encode', 'detect'].map((c) => run([c, '--help'])))).map((r) => r.stdout).join('\n');
    for (const [option, flag] of Object.entries(FLAG_OF)) expect(help, option).toMatch(new RegExp(`${flag}[ ,\\n]`));
  });
});

describe('results on stdout, --out -', () => {
  let model: string;
  let csv: string;
  beforeAll(async () => {
    csv = await table('t.csv');
    const out = join(dir, 'tab');
    const r = await run(['train', '--data', csv, '--label', 'label', '--hidden', '4', '--latent', '2', '--contamination', '0.1', '--epochs', '2', '--backend', 'wasm', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^done: test loss [\d.]+ .*; wrote /);
    expect(r.stderr).toMatch(/epoch 2\/2/);
    expect(r.stderr).not.toMatch(/done:/);
    model = join(out, 'model');
  });
  it('encode writes CSV to stdout and its summary to stderr', async () => {
    const r = await run(['encode', '--model', model, '--data', csv, '--label', 'label', '--out', '-', '--backend', 'wasm', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('label,z0,z1');
    expect(lines).toHaveLength(61);
    expect(JSON.parse(r.stderr.trim().split('\n').pop()!)).toMatchObject({ rows: 60, shape: [60, 2], out: '-' });
  });
  it('encode writes NPY to stdout with --out-format npy', async () => {
    const r = spawnSync(process.execPath, [join(__dirname, '../bin/hourglass.cjs'), 'encode', '--model', model, '--data', csv, '--label', 'label', '--out', '-', '--out-format', 'npy', '--backend', 'wasm'], { cwd: dir });
    expect(r.status, String(r.stderr)).toBe(0);
    await writeFile(join(dir, 'piped.npy'), r.stdout);
    const arr = readNpy(join(dir, 'piped.npy'));
    expect([arr.n, ...arr.sampleShape]).toEqual([60, 2]);
  });
  it('detect writes its CSV to stdout and the summary to stderr; without --out the summary is the result, on stdout', async () => {
    const r = await run(['detect', '--model', model, '--data', csv, '--label', 'label', '--out', '-', '--backend', 'wasm']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('score,anomaly,label');
    expect(r.stdout.trim().split('\n')).toHaveLength(61);
    expect(r.stderr).toMatch(/of 60 flagged/);
    const plain = await run(['detect', '--model', model, '--data', csv, '--label', 'label', '--backend', 'wasm']);
    expect(plain.stdout).toMatch(/of 60 flagged \(threshold/);
  });
  it('resolves --plugin paths against the working directory, for train, encode and detect', async () => {
    await writeFile(join(dir, 'plugin.mjs'), "process.stderr.write('plugin loaded from the working directory\\n');\n");
    const args = ['--plugin', './plugin.mjs', '--backend', 'wasm'];
    for (const r of await Promise.all([
      run(['encode', '--model', model, '--data', csv, '--label', 'label', '--out', join(dir, 'p.csv'), ...args]),
      run(['detect', '--model', model, '--data', csv, '--label', 'label', ...args]),
    ])) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/plugin loaded from the working directory/);
    }
    const t = await run(['train', '--data', csv, '--label', 'label', '--hidden', '4', '--latent', '2', '--epochs', '1', '--out', join(dir, 'plug'), '--quiet', ...args]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stderr).toMatch(/plugin loaded/);
  });
});

describe('plugin specifiers', () => {
  it('turns relative and absolute paths into file URLs from the working directory', () => {
    expect(pluginSpecifier('./x.mjs', '/home/me')).toBe('file:///home/me/x.mjs');
    expect(pluginSpecifier('../lib/x.mjs', '/home/me')).toBe('file:///home/lib/x.mjs');
    expect(pluginSpecifier('/opt/x.mjs', '/home/me')).toBe('file:///opt/x.mjs');
    expect(pluginSpecifier('file:///opt/x.mjs', '/home/me')).toBe('file:///opt/x.mjs');
    expect(pluginSpecifier('not-an-installed-package', '/home/me')).toBe('not-an-installed-package');
  });
});

describe('the run directory', () => {
  it('removes pictures of an earlier run that this run does not draw', async () => {
    const out = join(dir, 'reused');
    expect((await run(['train', ...TINY, '--latent', '2', '--out', out])).code).toBe(0);
    expect(await readdir(out)).toContain('latent.png');
    await writeFile(join(out, 'samples.png'), 'an old picture');
    await writeFile(join(out, 'latent.png'), 'an old picture');
    expect((await run(['train', ...TINY, '--latent', '3', '--out', out])).code).toBe(0);
    const files = await readdir(out);
    expect(files).toContain('reconstructions.png');
    expect(files).not.toContain('samples.png');
    // latent.png is this run's (codes of 3 numbers, by pca), not the old file
    expect((await readFile(join(out, 'latent.png'))).subarray(1, 4).toString()).toBe('PNG');
    expect(files).not.toContain('.hourglass.lock');
  });
  it('is refused while another live process holds its lock, naming the directory and the pid', async () => {
    const out = join(dir, 'locked');
    await mkdir(out);
    await writeFile(join(out, '.hourglass.lock'), `${process.pid}\n`);
    const r = await run(['train', ...TINY, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`hourglass: ${out} is in use by another run (pid ${process.pid}`);
    expect(await readdir(out)).toEqual(['.hourglass.lock']);
  });
  it('takes over the lock of a process that no longer runs', async () => {
    const out = join(dir, 'stale');
    await mkdir(out);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(join(out, '.hourglass.lock'), `${dead}\n`);
    const r = await run(['train', ...TINY, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, '.hourglass.lock'))).toBe(false);
  });
  it('after Ctrl-C saves the checkpoint and the model, releases the lock and exits 130', async () => {
    const out = join(dir, 'interrupted');
    const { child, exited, stderrText } = startCli(['train', '--epochs', '1000', '--limit', '256', '--backend', 'wasm', '--out', out], dir);
    await new Promise<void>((ready, fail) => {
      const timer = setInterval(() => {
        if (/epoch +1\/1000/.test(stderrText())) {
          clearInterval(timer);
          child.kill('SIGINT');
          ready();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          fail(new Error(`exited before the first epoch: ${stderrText()}`));
        }
      }, 20);
    });
    const r = await exited;
    expect([r.code, r.signal], r.stderr).toEqual([130, null]);
    expect(r.stderr).toMatch(/aborted: aborted during epoch/);
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['checkpoint', 'model', 'summary.json']));
    expect(files).not.toContain('.hourglass.lock');
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.stopReason).toBe('aborted');
    expect(summary.epochs).toBeGreaterThanOrEqual(1);
    expect(summary.epochs).toBeLessThan(1000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile, readdir, rm, symlink, mkdir, rename, stat } from 'node:fs/promises';
import * as realFs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf, Autoencoder, saveModel, loadModel, memoryStore, directoryStore, ModelFileError, crc32, registerVariant, unregisterVariant } from '../src/index.js';
import { badDecoder, registerTestVariants, unregisterTestVariants, values } from './helpers.js';

let dir: string;
beforeAll(async () => {
  registerTestVariants();
  registerVariant(badDecoder);
  dir = await mkdtemp(join(tmpdir(), 'hourglass-hostile-'));
});
afterAll(async () => {
  unregisterTestVariants();
  unregisterVariant('test-bad-decoder');
  await rm(dir, { recursive: true, force: true });
});

const make = (seed = 1) => Autoencoder.create({ inputShape: [3, 4], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed });

async function saved(name: string, seed = 1) {
  const m = make(seed);
  const path = join(dir, name);
  await saveModel(m, path);
  m.dispose();
  const weights = (await readdir(path)).find((f) => f.endsWith('.bin'))!;
  return { path, json: join(path, 'model.json'), weights: join(path, weights), weightsName: weights };
}

/** The error a promise rejects with, asserting no tensor was left behind. */
async function failure(p: () => Promise<unknown>): Promise<Error> {
  const before = tf.memory().numTensors;
  const err = await p().then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err, 'expected a failure').toBeDefined();
  expect(tf.memory().numTensors).toBe(before);
  return err!;
}

describe('non-finite weights', () => {
  it('are never saved: the error names the weight', async () => {
    const m = make();
    m.weights[1].variable.assign(tf.tensor([0, 1, NaN, 3, 4, 5, 6, 7]));
    const store = memoryStore();
    const err = await failure(() => saveModel(m, store));
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toMatch(/weight "encoder\/dense_1\/bias" holds 1 non-finite value \(NaN or Inf; the first, NaN, at index 2 of 8\); refusing to save/);
    expect(store.files.size).toBe(0);
    const inf = tf.tensor([1, Infinity]);
    m.weights[1].variable.assign(tf.zeros([8]));
    await expect(saveModel(m, store, { tensors: [{ name: 'optimizer/m', tensor: inf }] })).rejects.toThrow(/weight "optimizer\/m" holds 1 non-finite value \(NaN or Inf; the first, Infinity/);
    [m, inf].forEach((t) => t.dispose());
  });
  it('are never loaded: the error names the file and the weight', async () => {
    const c = await saved('nan');
    const json = JSON.parse(await readFile(c.json, 'utf8'));
    const bytes = await readFile(c.weights);
    // Weight 1 (the first bias) starts after the [12, 8] kernel; set its 4th value to -Inf and keep the file consistent.
    new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)[12 * 8 + 3] = -Infinity;
    const sum = crc32(bytes);
    await rm(c.weights);
    await writeFile(join(c.path, `weights.${sum}.bin`), bytes);
    json.weightsManifest[0].paths = [`weights.${sum}.bin`];
    json.weightsChecksum.value = sum;
    await writeFile(c.json, JSON.stringify(json));
    const err = await failure(() => loadModel(c.path));
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toContain(`${join(c.path, `weights.${sum}.bin`)}: weight "encoder/dense_1/bias" holds 1 non-finite value (NaN or Inf; the first, -Infinity, at index 3 of 8)`);
  });
});

describe('a model.json whose recipe is not what its weights are', () => {
  it('a hidden layer of 50,000,000 units is refused before allocating, quickly', async () => {
    const c = await saved('huge-recipe');
    const json = JSON.parse(await readFile(c.json, 'utf8'));
    json.recipe.variants[0].config.hidden = 50_000_000;
    await writeFile(c.json, JSON.stringify(json));
    const started = performance.now();
    const err = await failure(() => loadModel(c.path));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toMatch(/model\.json: its recipe builds more than the weights manifest declares \(8 weights, 254 parameters\): weight "encoder\/dense_1\/kernel" \[12, 50000000\] is beyond that; model\.json does not describe these weights$/);
  });
  it('a recipe building more weights than the manifest lists is refused with both counts', async () => {
    const c = await saved('short-manifest');
    const json = JSON.parse(await readFile(c.json, 'utf8'));
    json.weightsManifest[0].weights = json.weightsManifest[0].weights.slice(0, 2);
    json.weightsManifest[0].paths = ['weights.short.bin'];
    await writeFile(join(c.path, 'weights.short.bin'), new Uint8Array((12 * 8 + 8) * 4));
    json.weightsChecksum.value = crc32(new Uint8Array((12 * 8 + 8) * 4));
    await writeFile(c.json, JSON.stringify(json));
    const err = await failure(() => loadModel(c.path));
    expect(err.message).toMatch(/its recipe builds more than the weights manifest declares \(2 weights, 104 parameters\): weight "encoder\/dense_2\/kernel" \[8, 2\] is beyond that/);
  });
  it('a layer whose shape differs from the manifest is named with both shapes', async () => {
    const c = await saved('other-latent');
    const json = JSON.parse(await readFile(c.json, 'utf8'));
    json.recipe.variants[0].config.latent = 1;
    await writeFile(c.json, JSON.stringify(json));
    const err = await failure(() => loadModel(c.path));
    expect(err.message).toMatch(/weight 2 is "encoder\/dense_2\/kernel" \[8, 2\] but the rebuilt model expects "encoder\/dense_2\/kernel" \[8, 1\] \(its recipe builds \d+ parameters\)/);
  });
  it('a recipe whose build fails part-way leaks no tensors', async () => {
    const c = await saved('bad-decoder');
    const json = JSON.parse(await readFile(c.json, 'utf8'));
    json.recipe = { inputShape: [12], seed: 0, variants: [{ name: 'test-bad-decoder', config: { hidden: 2 } }] };
    await writeFile(c.json, JSON.stringify(json));
    const err = await failure(() => loadModel(c.path));
    expect(err.message).toMatch(/cannot rebuild the model: architecture "test-bad-decoder": decoder output \[11\] does not match the input shape \[12\]/);
  });
});

describe('symbolic links in a model folder', () => {
  it('model.json linked to a model elsewhere is refused', async () => {
    const outside = await saved('outside-model');
    const c = await saved('linked-json');
    await rm(c.json);
    await symlink(outside.json, c.json);
    await rm(c.weights);
    await symlink(outside.weights, join(c.path, outside.weightsName));
    const err = await failure(() => loadModel(c.path));
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toBe(`${c.json}: is a symbolic link; links in a model folder are not followed (they could read a file outside the folder); replace the link with a copy of the file`);
  });
  it('a weights file linked to a file outside is refused without revealing its size', async () => {
    const c = await saved('linked-weights');
    const secret = join(dir, 'secret.txt');
    await writeFile(secret, 'x'.repeat(1234));
    await rm(c.weights);
    await symlink(secret, c.weights);
    const err = await failure(() => loadModel(c.path));
    expect(err.message).toMatch(/\.bin: is a symbolic link; links in a model folder are not followed/);
    expect(err.message).not.toMatch(/1234/);
  });
});

describe('file-system failures name the path, the cause and what to do', () => {
  it('a file where the model folder should be', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const m = make();
    const direct = await failure(() => saveModel(m, file));
    expect(direct).toBeInstanceOf(ModelFileError);
    expect(direct.message).toBe(`${file}: cannot create the model folder: EEXIST (a file of that name is in the way); give the path of a folder, or move the file away`);
    const below = await failure(() => saveModel(m, join(file, 'model')));
    expect(below.message).toMatch(new RegExp(`^${join(file, 'model')}: cannot create the model folder: ENOTDIR \\(a file is where a folder was expected\\); give the path of a folder`));
    m.dispose();
  });
  it('a directory where model.json should be', async () => {
    const path = join(dir, 'dir-in-the-way');
    await mkdir(join(path, 'model.json'), { recursive: true });
    const m = make();
    const err = await failure(() => saveModel(m, path));
    expect(err.message).toMatch(/dir-in-the-way\/model\.json: cannot write: EISDIR \(a directory is where a file was expected\); give the path of a file, or remove or rename that directory/);
    expect((await readdir(path)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const read = await failure(() => loadModel(path));
    expect(read.message).toMatch(/model\.json: file not found/);
    m.dispose();
  });
  const failing = (call: 'mkdir' | 'open', code: string, message: string): typeof realFs => {
    const fail = () => Promise.reject(Object.assign(new Error(`${code}: ${message}`), { code, syscall: call }));
    if (call === 'mkdir') return { ...realFs, mkdir: fail } as typeof realFs;
    // open works, but writing into the file fails (a full disk).
    return {
      ...realFs,
      open: async (p: string, flags: string) => {
        const handle = await realFs.open(p, flags);
        return flags === 'wx' ? Object.assign(Object.create(handle), { writeFile: fail, close: () => handle.close() }) : handle;
      },
    } as unknown as typeof realFs;
  };
  it('a full disk: ENOSPC names the file, leaves no temporary file and keeps the previous model', async () => {
    const c = await saved('full-disk', 1);
    const m = make(2);
    const err = await failure(() => saveModel(m, directoryStore(c.path, { fs: failing('open', 'ENOSPC', 'no space left on device, write') })));
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toMatch(/full-disk\/weights\.[0-9a-f]{8}\.bin: cannot write: ENOSPC \(no space left on the device\); free some disk space or use another disk$/);
    expect((await readdir(c.path)).sort()).toEqual(['model.json', c.weightsName]);
    (await loadModel(c.path)).dispose();
    m.dispose();
  });
  it('a read-only disk and a folder without permission', async () => {
    const m = make();
    const rofs = await failure(() => saveModel(m, directoryStore(join(dir, 'ro'), { fs: failing('mkdir', 'EROFS', 'read-only file system, mkdir') })));
    expect(rofs.message).toBe(`${join(dir, 'ro')}: cannot create the model folder: EROFS (read-only file system); use a folder on a writable disk`);
    const denied = await failure(() => saveModel(m, directoryStore(join(dir, 'denied'), { fs: failing('mkdir', 'EACCES', 'permission denied, mkdir') })));
    expect(denied.message).toMatch(/denied: cannot create the model folder: EACCES \(permission denied\); check the permissions of the folder, or use another one/);
    m.dispose();
  });
  it('a read-only disk that mkdir -p reports as ENOENT is named by its real cause', async () => {
    const target = join(dir, 'ro-parent', 'deeper', 'model');
    const enoent = Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${target}'`), { code: 'ENOENT' });
    const erofs = Object.assign(new Error('EROFS: read-only file system, mkdir'), { code: 'EROFS' });
    const fs = { ...realFs, mkdir: (_p: string, o?: { recursive?: boolean }) => Promise.reject(o?.recursive ? enoent : erofs) } as unknown as typeof realFs;
    const m = make();
    const err = await failure(() => saveModel(m, directoryStore(target, { fs })));
    expect(err.message).toBe(`${target}: cannot create the model folder: EROFS (read-only file system); use a folder on a writable disk`);
    m.dispose();
  });
});

describe('files a killed save left behind', () => {
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
  it('are removed by the next save once their writer is gone; a live writer\'s are kept', async () => {
    const c = await saved('leftovers');
    const dead = deadPid();
    const stale = [`${c.weightsName}.tmp-${dead}-k1`, `model.json.tmp-${dead}-k2`, `.hourglass-write-${dead}-k3`];
    const live = [`model.json.tmp-${process.pid}-l1`, `weights.0a0b0c0d.bin.tmp-${process.ppid}-l2`];
    for (const f of [...stale, ...live]) await writeFile(join(c.path, f), new Uint8Array(100));
    const m = make(2);
    await saveModel(m, c.path);
    m.dispose();
    const files = await readdir(c.path);
    for (const f of stale) expect(files).not.toContain(f);
    for (const f of live) expect(files).toContain(f);
  });
  it('after kill -9 of a writing process, its temporary file is removed by the next save', async () => {
    const c = await saved('killed');
    const child = spawn(process.execPath, [
      '-e',
      `require('fs').writeFileSync(process.argv[1] + '.tmp-' + process.pid + '-x9', Buffer.alloc(1 << 20)); console.log('written'); setInterval(() => {}, 1000);`,
      join(c.path, c.weightsName),
    ]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const tmp = join(c.path, `${c.weightsName}.tmp-${child.pid}-x9`);
    expect(existsSync(tmp)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const m = make(2);
    await saveModel(m, c.path);
    m.dispose();
    expect(existsSync(tmp)).toBe(false);
  });
  it('a weights file a killed cleanup had set aside is put back', async () => {
    const c = await saved('aside');
    const aside = `${c.weightsName}.aside-${deadPid()}-a1`;
    await rename(c.weights, join(c.path, aside));
    expect((await stat(join(c.path, aside))).isFile()).toBe(true);
    // The next write by anyone puts it back, so the model loads again.
    await directoryStore(c.path).write([]);
    const again = await loadModel(c.path);
    const m = make(1);
    expect(values(again.weights[0].variable)).toEqual(values(m.weights[0].variable));
    expect(await readdir(c.path)).not.toContain(aside);
    [m, again].forEach((x) => x.dispose());
  });
});

/**
 * Keras 3 export: every architecture's parts written as `.keras` files load
 * in Keras (`keras.saving.load_model`) and give Hourglass' outputs within
 * 1e-5; Keras autoencoders of the usual kinds read back as portable
 * networks of the right structure that, written again, give Keras' own
 * outputs. All in one Python process; examples/keras-distributed/train.py
 * runs in a second one. Needs the Keras venv of
 * tools/setup-keras.mjs; skipped (with the reason printed) without it,
 * unless HOURGLASS_REQUIRE_KERAS=1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '@hourglass/core';
import { readNpy, writeNpy } from '@hourglass/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork, kerasFile, portableNetwork, readKerasFile, type ExportPart, type PortableNetwork } from '../src/index.js';
import { ARCHITECTURES, buildArchitecture, expectedOutput, partInput } from './architectures.js';
import { findKerasPython, KerasWorker } from './keras/python.js';

const { python } = findKerasPython();

interface Case {
  label: string;
  file: string;
  expected: Array<{ shape: number[]; values: Float32Array }>;
  outputs: string[];
}

/** What Hourglass gives for `part` (the VAE encoder: mean and log-variance). */
function hourglassOutputs(model: ReturnType<typeof buildArchitecture>, part: ExportPart, x: tf.Tensor, logVar: boolean): tf.Tensor[] {
  if (!logVar) return [expectedOutput(model, part, x)];
  const q = model.posterior(x)!;
  return [q.mean, q.logVar];
}

type Jobs = Array<{ file: string; input: string; outputs: string[] }>;
type Answers = { jobs: Array<{ file: string; ok: boolean; error?: string }> };

const dir = mkdtempSync(join(tmpdir(), 'hourglass-keras-'));
let worker: KerasWorker | undefined;
const keras = () => (worker ??= new KerasWorker(python!));

afterAll(() => {
  worker?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Largest absolute difference, the shapes being equal. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k] - b[k]));
  return max;
}

describe.skipIf(!python)('Keras export', () => {
  const cases: Case[] = [];
  let results: Map<string, { ok: boolean; error?: string }>;

  beforeAll(async () => {
    const jobs = [];
    for (const arch of ARCHITECTURES)
      for (const part of arch.parts) {
        const model = buildArchitecture(arch);
        const logVar = arch.name === 'VAE' && part === 'encoder';
        const x = partInput(model, part, 4);
        const want = hourglassOutputs(model, part, x, logVar);
        const stem = join(dir, `${cases.length}`);
        const file = `${stem}.keras`;
        writeFileSync(file, await kerasFile(portableNetwork(model, { part, logVar })));
        writeNpy(`${stem}.x.npy`, x.dataSync() as Float32Array, x.shape);
        const outputs = want.map((_, i) => `${stem}.y${i}.npy`);
        cases.push({ label: `${arch.name}: ${part}`, file, outputs, expected: want.map((t) => ({ shape: t.shape, values: t.dataSync() as Float32Array })) });
        jobs.push({ file, input: `${stem}.x.npy`, outputs });
        tf.dispose([x, ...want]);
        model.dispose();
      }
    const answer = await keras().request<Answers>({ op: 'predict', jobs });
    results = new Map(answer.jobs.map((j) => [j.file, j]));
  }, 240_000);

  it('writes every architecture and part, and Keras gives the same outputs within 1e-5', () => {
    const diffs: Record<string, number> = {};
    for (const c of cases) {
      const result = results.get(c.file)!;
      expect(result.error, c.label).toBeUndefined();
      c.outputs.forEach((path, i) => {
        const got = readNpy(path);
        const want = c.expected[i];
        expect([got.n, ...got.sampleShape], c.label).toEqual(want.shape);
        const max = maxDiff(got.x, want.values);
        diffs[`${c.label}${i ? ` (output ${i})` : ''}`] = max;
        expect(max, c.label).toBeLessThan(1e-5);
      });
    }
    console.log(`max |Keras - Hourglass| per part:\n${Object.entries(diffs).map(([k, v]) => `  ${k}: ${v.toExponential(2)}`).join('\n')}`);
    expect(Object.keys(diffs).length).toBeGreaterThanOrEqual(cases.length);
  });
});

/** The structure each Keras fixture of test/keras/worker.py must read as: kinds, with shapes. */
const FIXTURES: Record<string, { input: number[]; layers: string[] }> = {
  dense: { input: [10], layers: ['dense relu [10]->[6]', 'dense elu [6]->[3]', 'dense tanh [3]->[6]', 'dense sigmoid [6]->[10]'] },
  conv: {
    input: [8, 8, 1],
    layers: ['conv relu [8,8,1]->[8,8,4]', 'maxPool [8,8,4]->[4,4,4]', 'conv relu [4,4,4]->[4,4,2]', 'upsample [4,4,2]->[8,8,2]', 'convTranspose relu [8,8,2]->[8,8,3]', 'conv sigmoid [8,8,3]->[8,8,1]'],
  },
  lstm: { input: [7, 2], layers: ['recurrent [7,2]->[5]', 'repeat [5]->[7,5]', 'recurrent [7,5]->[7,4]', 'timeDense linear [7,4]->[7,2]'] },
  nested: {
    input: [4, 3],
    layers: ['flatten [4,3]->[12]', 'dense linear [12]->[5]', 'activation leakyRelu [5]->[5]', 'dense linear [5]->[2]', 'dense softplus [2]->[12]', 'reshape [12]->[4,3]'],
  },
};

const describeLayer = (l: PortableNetwork['trunk'][number]) =>
  [l.kind, 'activation' in l ? l.activation : undefined, `[${l.inputShape.join(',')}]->[${l.outputShape.join(',')}]`].filter((x) => x !== undefined && !(l.kind === 'recurrent' && x === l.activation)).join(' ');

describe.skipIf(!python)('Keras import', () => {
  const nets = new Map<string, PortableNetwork>();
  let results: Map<string, { ok: boolean; error?: string }>;

  beforeAll(async () => {
    const { models } = await keras().request<{ models: string[] }>({ op: 'build', dir });
    const jobs: Jobs = [];
    for (const name of models) {
      const net = await readKerasFile(new Uint8Array(readFileSync(join(dir, `${name}.keras`))));
      nets.set(name, net);
      const file = join(dir, `${name}.again.keras`);
      writeFileSync(file, await kerasFile(net));
      jobs.push({ file, input: join(dir, `${name}.x.npy`), outputs: [join(dir, `${name}.again.y.npy`)] });
    }
    results = new Map((await keras().request<Answers>({ op: 'predict', jobs })).jobs.map((j) => [j.file, j]));
  }, 240_000);

  for (const [name, want] of Object.entries(FIXTURES))
    it(`${name}: reads as a chain of the right layers, shapes and weights, and written again gives Keras' outputs`, () => {
      const net = nets.get(name)!;
      expect(net.part).toBe('autoencoder');
      expect(net.inputShape).toEqual(want.input);
      expect(net.trunk.map(describeLayer)).toEqual(want.layers);
      expect(net.outputs).toHaveLength(1);
      expect(net.outputs[0].shape).toEqual(net.trunk[net.trunk.length - 1].outputShape);
      const again = join(dir, `${name}.again.keras`);
      expect(results.get(again)?.error).toBeUndefined();
      const got = readNpy(join(dir, `${name}.again.y.npy`));
      const keras = readNpy(join(dir, `${name}.y.npy`));
      expect(got.sampleShape).toEqual(keras.sampleShape);
      const diff = maxDiff(got.x, keras.x);
      console.log(`${name}: Keras -> readKerasFile -> kerasFile -> Keras, max difference ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-6);
    });
});

const TRAIN = fileURLToPath(new URL('../../../examples/keras-distributed/train.py', import.meta.url));

describe.skipIf(!python)('examples/keras-distributed/train.py', () => {
  it('trains an exported autoencoder as a single worker; the result reads back with changed weights and runs in Hourglass', async () => {
    const arch = ARCHITECTURES[0]; // dense, BCE: exported with its sigmoid output
    const model = buildArchitecture(arch);
    const exported = portableNetwork(model, { part: 'autoencoder' });
    model.dispose();
    const [input, out, data] = ['train-in.keras', 'train-out.keras', 'train-x.npy'].map((f) => join(dir, f));
    writeFileSync(input, await kerasFile(exported));
    const x = Float32Array.from({ length: 64 * 12 }, (_, i) => 0.5 + 0.5 * Math.sin(i * 0.37)); // in [0, 1], deterministic
    writeNpy(data, x, [64, 12]);
    const env: NodeJS.ProcessEnv = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', CUDA_VISIBLE_DEVICES: '' };
    delete env.TF_CONFIG;
    const run = spawnSync(python!, [TRAIN, '--model', input, '--data', data, '--out', out, '--epochs', '2', '--batch-size', '16', '--loss', 'binary_crossentropy', '--learning-rate', '0.05'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as { replicas: number; loss: number[] };
    expect(summary.replicas).toBe(1);
    expect(summary.loss).toHaveLength(2);
    expect(summary.loss.every(Number.isFinite)).toBe(true);

    const trained = await readKerasFile(new Uint8Array(readFileSync(out)));
    const kernels = (net: PortableNetwork) => net.trunk.flatMap((l) => ('kernel' in l ? [l.kernel.values] : []));
    const before = kernels(exported);
    const after = kernels(trained);
    expect(after).toHaveLength(before.length);
    after.forEach((k, i) => expect(maxDiff(k, before[i])).toBeGreaterThan(1e-3));

    const imported = importNetwork(trained);
    const batch = tf.tensor(x.slice(0, 4 * 12), [4, 12]);
    const tensorsBefore = tf.memory().numTensors;
    const y = imported.reconstruct(batch);
    expect(y.shape).toEqual([4, 12]);
    expect(Array.from(y.dataSync()).every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    y.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    batch.dispose();
    imported.dispose();
  }, 180_000);
});

/**
 * The real thing: runs only when @tensorflow/tfjs-node is installed and its
 * binding loads (in this repository: `node tools/setup-tfjs-node.mjs`).
 * Compares the 'tensorflow' backend with tfjs's cpu backend.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectNode, nodeFileIO, setupNode } from '../src/index.js';
import { values } from './seeded-values.js';

const found = await detectNode({ gpu: false });
/** CI sets HOURGLASS_REQUIRE_BACKENDS=node,wasm so that a broken setup fails instead of silently skipping. */
const required = (process.env.HOURGLASS_REQUIRE_BACKENDS ?? '').split(',').includes('node');
if (!found.available) {
  console.warn(`[backend-node] node suite skipped: ${found.reason}. Set it up with: node tools/setup-tfjs-node.mjs`);
}

describe.runIf(required && !found.available)('node backend required (HOURGLASS_REQUIRE_BACKENDS names node)', () => {
  it('is available', () => {
    expect.fail(`tfjs-node is not usable: ${found.reason}. Run: node tools/setup-tfjs-node.mjs`);
  });
});

/** Gradients: @hourglass/core's build bundles tfjs-core's gradient registrations; fall back to registering them here. */
async function registerGradients(): Promise<string> {
  const core = '@hourglass/core';
  try {
    await import(/* @vite-ignore */ core);
    return core;
  } catch {
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    return 'tfjs-core/dist/register_all_gradients';
  }
}


/** Runs fn on the given backend, returns its tensors' data, disposes everything. */
async function on(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  const prev = tf.getBackend();
  await tf.setBackend(backend);
  try {
    const ts = fn();
    const data = ts.map((t) => t.dataSync() as Float32Array);
    tf.dispose(ts);
    return data;
  } finally {
    await tf.setBackend(prev);
  }
}

function expectClose(a: Float32Array[], b: Float32Array[], tol = 1e-4) {
  expect(a.length).toBe(b.length);
  a.forEach((x, k) => {
    const y = b[k]!;
    expect(x.length).toBe(y.length);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / Math.max(1, Math.abs(y[i]!)));
    expect(worst).toBeLessThan(tol);
  });
}

describe.skipIf(!found.available)(`node backend (${found.package ?? 'absent'})`, () => {
  let gradients = '';
  beforeAll(async () => {
    gradients = await registerGradients();
    console.info(`[backend-node] node suite: ${found.package}@${found.version}, gradients from ${gradients}`);
    await setupNode({ gpu: false });
  });

  it('selects tensorflow in the one global tfjs-core', async () => {
    const info = await setupNode({ gpu: false });
    expect(info).toEqual({ backend: 'tensorflow', package: '@tensorflow/tfjs-node', version: found.version, gpu: false, threads: info.threads });
    // the count TensorFlow read when it loaded
    expect(process.env.TF_NUM_INTRAOP_THREADS).toBe(String(info.threads));
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(tf.getBackend()).toBe('tensorflow');
    // tfjs-node -> @tensorflow/tfjs -> tfjs-core resolves to the same copy this package uses
    const req = createRequire(import.meta.url);
    const nodeDir = path.dirname(req.resolve('@tensorflow/tfjs-node/package.json'));
    const tfjsDir = path.dirname(req.resolve('@tensorflow/tfjs/package.json', { paths: [nodeDir] }));
    expect(req.resolve('@tensorflow/tfjs-core', { paths: [tfjsDir] })).toBe(req.resolve('@tensorflow/tfjs-core'));
  });

  it('matMul equals the cpu backend within 1e-4', async () => {
    const [m, k, n] = [64, 96, 48];
    const a = values(m * k, 1);
    const b = values(k * n, 2);
    const f = () => [tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])), tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(a, [m, k]), false, true)];
    expectClose(await on('tensorflow', () => tf.tidy(f)), await on('cpu', () => tf.tidy(f)));
  });

  it('conv2d equals the cpu backend within 1e-4', async () => {
    const x = values(2 * 9 * 9 * 3, 3);
    const w = values(3 * 3 * 3 * 4, 4);
    const f = () => [
      tf.conv2d(tf.tensor4d(x, [2, 9, 9, 3]), tf.tensor4d(w, [3, 3, 3, 4]), 1, 'same'),
      tf.conv2d(tf.tensor4d(x, [2, 9, 9, 3]), tf.tensor4d(w, [3, 3, 3, 4]), 2, 'valid'),
    ];
    expectClose(await on('tensorflow', () => tf.tidy(f)), await on('cpu', () => tf.tidy(f)));
  });

  it('gradients of a dense layer equal the cpu backend within 1e-4', async () => {
    expect(gradients).not.toBe('');
    const [batch, nin, nout] = [16, 20, 8];
    const xs = values(batch * nin, 5);
    const ws = values(nin * nout, 6);
    const bs = values(nout, 7);
    const f = () => {
      const x = tf.tensor2d(xs, [batch, nin]);
      const loss = (w: tf.Tensor, b: tf.Tensor) => tf.mean(tf.square(tf.sigmoid(tf.add(tf.matMul(x, w), b))));
      const { value, grads } = tf.valueAndGrads(loss)([tf.tensor2d(ws, [nin, nout]), tf.tensor1d(bs)]);
      return [value, ...grads];
    };
    const nat = await on('tensorflow', () => tf.tidy(f));
    expectClose(nat, await on('cpu', () => tf.tidy(f)));
    expect(nat[1]!.some((g) => g !== 0)).toBe(true);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await setupNode({ gpu: false });
    const r = tf.tidy(() => {
      const a = tf.tensor2d(values(32 * 32, 8), [32, 32]);
      const g = tf.grad((w: tf.Tensor) => tf.sum(tf.relu(tf.matMul(a, w))))(a);
      return tf.sum(g);
    });
    r.dataSync();
    r.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  describe('nodeFileIO', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hourglass-node-io-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('round-trips weights bit-identically through tfjs-node’s file handler', async () => {
      const special = new Float32Array([0, -0, NaN, Infinity, -Infinity, 1e-45, 3.4028235e38, -1.1754942e-38, 1 / 3]);
      const saved: tf.NamedTensorMap = {
        'enc/W': tf.tensor2d(values(30 * 7, 9), [30, 7]),
        'enc/b': tf.tensor1d(special),
        'steps': tf.tensor1d([0, -1, 2147483647, -2147483648], 'int32'),
        'mask': tf.tensor2d([[true, false], [false, true]], [2, 2], 'bool'),
      };
      const io = nodeFileIO(dir, { gpu: false });
      const result = await io.saveWeights(saved, { modelTopology: { dims: [30, 7] }, metadata: { epoch: 3 } });
      expect(result.modelArtifactsInfo.weightDataBytes).toBe(30 * 7 * 4 + 9 * 4 + 4 * 4 + 4);
      expect(fs.readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      expect(json.format).toBe('hourglass-weights');

      const loaded = await io.loadWeights();
      expect(loaded.modelTopology).toEqual({ dims: [30, 7] });
      expect(loaded.metadata).toEqual({ epoch: 3 });
      expect(Object.keys(loaded.weights).sort()).toEqual(Object.keys(saved).sort());
      for (const [name, t] of Object.entries(saved)) {
        const back = loaded.weights[name]!;
        expect(back.dtype, name).toBe(t.dtype);
        expect(back.shape, name).toEqual(t.shape);
        const bytes = (x: tf.Tensor) => Buffer.from((x.dataSync() as Float32Array).buffer.slice(0));
        expect(bytes(back).equals(bytes(t)), name).toBe(true);
      }
      tf.dispose([...Object.values(saved), ...Object.values(loaded.weights)]);
    });
  });
});

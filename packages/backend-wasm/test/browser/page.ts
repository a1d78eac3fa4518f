/**
 * The page of test/browser.test.ts, bundled for the browser by esbuild:
 * the documented browser usage of @hourglass/backend-wasm, then a dense and
 * a convolutional Hourglass model trained on synthetic data, saved to a
 * memory store and reloaded; then a model trained by the CLI, loaded by URL,
 * from chosen files, from IndexedDB and as its tfjs-layers export. The outcome goes to `window.__result` (the
 * Node side polls it); a failure is reported there as `{ error }`.
 */
import { Autoencoder, loadModel, memoryStore, registerVariant, saveModel, tf, train, type ArrayData } from '@hourglass/core';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { convolutional } from '@hourglass/variant-convolutional';
import { setupWasm } from '@hourglass/backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { filterGradKernels } from '../../src/kernels/filter-grad/direct.js';
import { poolKernels } from '../../src/kernels/pool/pool-kernels-module.js';

export interface ModelOutcome {
  label: string;
  /** Training loss per epoch. */
  losses: number[];
  /** Largest |difference| between the trained and the reloaded model's reconstructions. */
  reloadMaxDiff: number;
  reloadedEqual: boolean;
  samplesPerSec: number;
}

export interface PageResult {
  backend: string;
  simd: boolean;
  threads: number;
  build: string;
  reason?: string;
  initMs: number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  userAgent: string;
  models: ModelOutcome[];
  /** Whether the hand-written WebAssembly kernel modules run here (else their fallbacks do). */
  compiledKernels: { pool: boolean; filterGrad: boolean };
  /** A model the CLI trained, loaded here by URL, from chosen files, from IndexedDB and as its tfjs-layers export: largest |difference| from Node's outputs, by way. */
  served: { diffs: Record<string, number>; parameters: number };
  /** Tensors alive after everything was disposed, minus those alive before training. */
  leakedTensors: number;
  totalMs: number;
}

declare global {
  interface Window {
    __result?: PageResult | { error: string };
  }
}

/** A deterministic generator (mulberry32), so every run sees the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n vectors of 16 values in (0, 1) driven by 3 hidden factors: compressible. */
function denseData(n: number): ArrayData {
  const next = rng(7);
  const features = 16;
  const mix = Array.from({ length: 3 * features }, () => next() * 4 - 2);
  const x = new Float32Array(n * features);
  for (let i = 0; i < n; i++) {
    const f = [next() * 2 - 1, next() * 2 - 1, next() * 2 - 1];
    for (let j = 0; j < features; j++) {
      const z = f[0] * mix[j] + f[1] * mix[features + j] + f[2] * mix[2 * features + j];
      x[i * features + j] = 1 / (1 + Math.exp(-z));
    }
  }
  return { x, n, sampleShape: [features] };
}

/** n 8x8 grey images, each one soft bright blob at a random place. */
function imageData(n: number): ArrayData {
  const next = rng(11);
  const size = 8;
  const x = new Float32Array(n * size * size);
  for (let i = 0; i < n; i++) {
    const cy = 1 + next() * 5;
    const cx = 1 + next() * 5;
    const r2 = 1.5 + next() * 2;
    for (let y = 0; y < size; y++)
      for (let xx = 0; xx < size; xx++) x[i * 64 + y * size + xx] = Math.exp(-((y - cy) ** 2 + (xx - cx) ** 2) / r2);
  }
  return { x, n, sampleShape: [size, size, 1] };
}

async function trainSaveReload(
  label: string,
  recipe: Parameters<typeof Autoencoder.create>[0],
  data: ArrayData,
  epochs: number,
): Promise<ModelOutcome> {
  const model = Autoencoder.create(recipe);
  const result = await train(model, data, { epochs, batchSize: 32, seed: 3, optimizer: { learningRate: 0.01 } });
  const losses = result.history.map((m) => m.loss);
  const samplesPerSec = result.history.at(-1)?.samplesPerSec ?? 0;

  const store = memoryStore();
  await saveModel(model, store);
  const again = await loadModel(store);
  const probe = tf.tensor(data.x.subarray(0, 16 * data.sampleShape.reduce((a, b) => a * b, 1)), [16, ...data.sampleShape]);
  const before = model.reconstruct(probe);
  const after = again.reconstruct(probe);
  const reloadMaxDiff = await maxDiffFrom(after, Array.from(await before.data()));
  tf.dispose([probe, before, after]);
  model.dispose();
  again.dispose();
  return { label, losses, reloadMaxDiff, reloadedEqual: reloadMaxDiff === 0, samplesPerSec };
}

/** Largest |difference| between `out` and the expected output values. */
async function maxDiffFrom(out: tf.Tensor, expected: number[]): Promise<number> {
  const got = await out.data();
  let maxDiff = got.length === expected.length ? 0 : Infinity;
  for (let i = 0; i < got.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
  return maxDiff;
}

/** The served model's files as a user would choose them in an `<input type="file" multiple>`. */
async function chosenFiles(base: string): Promise<File[]> {
  const json = (await (await fetch(`${base}model.json`)).json()) as { weightsManifest: Array<{ paths: string[] }> };
  const names = ['model.json', ...json.weightsManifest.flatMap((g) => g.paths)];
  return Promise.all(names.map(async (name) => new File([await (await fetch(base + name)).arrayBuffer()], name)));
}

/**
 * The model the CLI trained and serves under /served/model/, loaded every
 * way a page can: by its URL, from chosen files, back from IndexedDB after
 * a save there, and its `hourglass export --format tfjs-layers` folder with
 * stock tfjs-layers; each compared with Node's outputs.
 */
async function loadServed(): Promise<PageResult['served']> {
  const base = new URL('/served/model/', location.href).href;
  const expected = (await (await fetch('/served/expected.json')).json()) as { probe: number[]; shape: number[]; output: number[] };
  const probe = tf.tensor(expected.probe, expected.shape);
  const diffs: Record<string, number> = {};
  const check = async (how: string, model: Autoencoder) => {
    const out = model.reconstruct(probe);
    diffs[how] = await maxDiffFrom(out, expected.output);
    out.dispose();
  };
  const byUrl = await loadModel(`${base}model.json`);
  await check('url', byUrl);
  const parameters = byUrl.parameterCount;
  await saveModel(byUrl, 'indexeddb://hourglass-served');
  byUrl.dispose();
  for (const [how, source] of [
    ['files', await chosenFiles(base)],
    ['indexedDb', 'indexeddb://hourglass-served'],
  ] as const) {
    const model = await loadModel(source);
    await check(how, model);
    model.dispose();
  }
  const layers = await loadLayersModel(new URL('/served/tfjs/model.json', location.href).href);
  const out = layers.predict(probe) as tf.Tensor;
  diffs.tfjsLayers = await maxDiffFrom(out, expected.output);
  tf.dispose([out, probe]);
  layers.dispose();
  return { diffs, parameters };
}

async function main(): Promise<PageResult> {
  const start = performance.now();
  const report = await setupWasm({ baseUrl: '/wasm/' }); // the documented browser usage
  registerVariant(undercomplete);
  registerVariant(convolutional);
  const tensorsBefore = tf.memory().numTensors;
  const models = [
    await trainSaveReload(
      'dense',
      { inputShape: [16], variants: [{ name: 'undercomplete', config: { latent: 3, hidden: [12] } }], seed: 1 },
      denseData(512),
      8,
    ),
    await trainSaveReload(
      'convolutional',
      { inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [8, 4] } }], seed: 1 },
      imageData(256),
      6,
    ),
  ];
  const served = await loadServed();
  return {
    served,
    backend: tf.getBackend(),
    simd: report.simd,
    threads: report.threads,
    build: report.build,
    ...(report.reason === undefined ? {} : { reason: report.reason }),
    initMs: report.initMs,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency,
    userAgent: navigator.userAgent,
    models,
    compiledKernels: { pool: poolKernels(tf.backend() as BackendWasm) !== null, filterGrad: filterGradKernels(tf.backend() as BackendWasm) !== null },
    leakedTensors: tf.memory().numTensors - tensorsBefore,
    totalMs: Math.round(performance.now() - start),
  };
}

main().then(
  (result) => {
    window.__result = result;
  },
  (error: unknown) => {
    window.__result = { error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
  },
);

/**
 * The backend conformance suite: a backend package runs it to show that
 * every registered layer type and activation (forward and gradients), the
 * losses and training give the same numbers on it as on the reference cpu
 * backend. Each case is computed on cpu first, then on the backend under
 * test, and compared within a tolerance. The cases are derived from the
 * registries (`conformanceCases`), so a new layer type or activation is
 * compared without being listed here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { buildLayer, layerTypes } from '../layers/registry.js';
import { ACTIVATIONS } from '../layers/activations.js';
import type { LayerSpec } from '../layers/layer.js';
import { createRng } from '../rng.js';
import { sizeOf } from '../shape.js';
import { bceFromLogits, mse } from '../losses/reconstruction.js';
import { gaussianKl } from '../losses/regularizers.js';
import { Autoencoder } from '../model/autoencoder.js';
import { loadModel, saveModel } from '../model/save.js';
import { memoryStore } from '../model/store.js';
import { train } from '../train/trainer.js';
import type { VariantChoice } from '../variant/contract.js';
import { suiteData } from './suite-data.js';

/** Options of the conformance suite. */
export interface BackendSuiteOptions {
  /** tfjs backend name under test, e.g. 'wasm' or 'tensorflow'. */
  backend: string;
  /** Makes the backend available (registers it); the suite switches with tf.setBackend. */
  setup: () => Promise<void>;
  /** Relative tolerance of forward values and gradients (default 1e-4). */
  tolerance?: number;
  /** Architectures to train for the parity check (must be registered); default: none. */
  models?: Array<{ label: string; inputShape: number[]; variants: VariantChoice[] }>;
  /** Cases for layer types registered outside core (a type without one is tried with its default options). */
  layerCases?: LayerCase[];
  /** Skip everything with this reason (e.g. the backend is not installed). */
  skip?: string;
}

/** One layer to compare with cpu: its spec, the per-sample input shape, and the mode. */
export interface LayerCase {
  label: string;
  spec: LayerSpec;
  inputShape: number[];
  /** Run in training mode (dropout active, with a fixed seed). */
  training?: boolean;
  /** Made up for a registered layer type that has no case: built with its default options. */
  defaulted?: boolean;
}

/** The options of the built-in layer types whose code paths differ (strides, padding, dilation, modes). */
const BUILTIN_CASES: LayerCase[] = [
  { label: 'conv2d same s1', spec: { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'relu' }, inputShape: [8, 8, 3] },
  { label: 'conv2d same s2', spec: { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2 }, inputShape: [8, 8, 3] },
  { label: 'conv2d valid s2', spec: { type: 'conv2d', filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }, inputShape: [9, 9, 2] },
  { label: 'conv2d dilated', spec: { type: 'conv2d', filters: 2, kernelSize: 3, dilation: 2 }, inputShape: [8, 8, 2] },
  { label: 'conv2d s2 dilated', spec: { type: 'conv2d', filters: 2, kernelSize: 3, strides: 2, dilation: 2 }, inputShape: [9, 9, 2] },
  { label: 'conv2dTranspose same s2', spec: { type: 'conv2dTranspose', filters: 3, kernelSize: 3, strides: 2, activation: 'sigmoid' }, inputShape: [4, 4, 2] },
  { label: 'conv2dTranspose valid s1', spec: { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 1, padding: 'valid' }, inputShape: [4, 4, 2] },
  { label: 'conv2dTranspose valid s2', spec: { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' }, inputShape: [4, 4, 2] },
  { label: 'conv2dTranspose same s3', spec: { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 3 }, inputShape: [3, 3, 2] },
  { label: 'maxPool2d', spec: { type: 'maxPool2d', poolSize: 2 }, inputShape: [6, 6, 2] },
  { label: 'upSampling2d', spec: { type: 'upSampling2d', size: 2 }, inputShape: [3, 3, 2] },
  { label: 'flatten', spec: { type: 'flatten' }, inputShape: [3, 3, 2] },
  { label: 'reshape', spec: { type: 'reshape', shape: [2, 9] }, inputShape: [3, 3, 2] },
  { label: 'crop2d', spec: { type: 'crop2d', top: 1, left: 1, right: 1 }, inputShape: [4, 4, 2] },
  { label: 'dropout (inference)', spec: { type: 'dropout', rate: 0.5 }, inputShape: [6] },
  { label: 'dropout (training)', spec: { type: 'dropout', rate: 0.5 }, inputShape: [12], training: true },
  { label: 'conv1d same s1', spec: { type: 'conv1d', filters: 4, kernelSize: 3, activation: 'relu' }, inputShape: [8, 3] },
  { label: 'conv1d same s2', spec: { type: 'conv1d', filters: 3, kernelSize: 7, strides: 2 }, inputShape: [12, 1] },
  { label: 'conv1d valid s2 dilated', spec: { type: 'conv1d', filters: 2, kernelSize: 3, strides: 2, padding: 'valid', dilation: 2 }, inputShape: [11, 2] },
  { label: 'conv1dTranspose same s2', spec: { type: 'conv1dTranspose', filters: 3, kernelSize: 7, strides: 2, activation: 'relu' }, inputShape: [6, 2] },
  { label: 'conv1dTranspose valid s1', spec: { type: 'conv1dTranspose', filters: 1, kernelSize: 3, padding: 'valid' }, inputShape: [5, 3] },
  { label: 'lstm last state', spec: { type: 'lstm', units: 5 }, inputShape: [6, 2] },
  { label: 'lstm sequences, bidirectional', spec: { type: 'lstm', units: 4, returnSequences: true, bidirectional: true }, inputShape: [5, 3] },
  { label: 'gru last state, bidirectional', spec: { type: 'gru', units: 4, bidirectional: true }, inputShape: [6, 2] },
  { label: 'gru sequences', spec: { type: 'gru', units: 5, returnSequences: true, activation: 'elu' }, inputShape: [5, 1] },
  { label: 'repeatVector', spec: { type: 'repeatVector', n: 4 }, inputShape: [5] },
  { label: 'timeDense', spec: { type: 'timeDense', units: 3, activation: 'sigmoid' }, inputShape: [4, 5] },
  { label: 'crop1d', spec: { type: 'crop1d', start: 1, end: 2 }, inputShape: [7, 2] },
  { label: 'l2Normalize', spec: { type: 'l2Normalize' }, inputShape: [3, 2] },
];

/** Input shape of the made-up case of a layer type without one. */
const DEFAULT_CASE_SHAPE = [4, 4, 2];

/**
 * Every layer case the suite compares, derived from the registries: each
 * activation (`ACTIVATIONS`) in a dense layer and as a layer of its own, the
 * hand-picked cases of the built-in types, the `extra` cases given, and for
 * every other registered layer type (`layerTypes()`) a case with its default
 * options, so that a new activation or layer type is covered without a line
 * here.
 *
 * @example
 * conformanceCases().map((c) => c.label); // ['dense relu', ..., 'activation linear', 'conv2d same s1', ...]
 */
export function conformanceCases(extra: LayerCase[] = []): LayerCase[] {
  const activations = ACTIVATIONS.flatMap((activation): LayerCase[] => [
    { label: `dense ${activation}`, spec: { type: 'dense', units: 7, activation }, inputShape: [5] },
    { label: `activation ${activation}`, spec: { type: 'activation', activation }, inputShape: [6] },
  ]);
  const listed = [...activations, ...BUILTIN_CASES, ...extra];
  const covered = new Set(listed.map((c) => c.spec.type));
  const defaulted = layerTypes()
    .filter((type) => !covered.has(type))
    .map((type): LayerCase => ({ label: `${type} (default options)`, spec: { type }, inputShape: DEFAULT_CASE_SHAPE, defaulted: true }));
  return [...listed, ...defaulted];
}

function buildCase(c: LayerCase) {
  try {
    return buildLayer(c.spec, c.inputShape, { name: 'case', rng: createRng(11) });
  } catch (e) {
    if (!c.defaulted) throw e;
    throw new Error(
      `layer type "${c.spec.type}" has no conformance case and does not build with its default options on [${DEFAULT_CASE_SHAPE.join(', ')}] (${(e as Error).message}); give the suite one in \`layerCases\``,
    );
  }
}

/** Forward output and gradients of a layer case, as plain arrays, on the current backend. */
function runCase(c: LayerCase): number[][] {
  const layer = buildCase(c);
  try {
    return tf.tidy(() => {
      const rng = createRng(12);
      const n = 3 * sizeOf(c.inputShape);
      const x = tf.tensor(Float32Array.from({ length: n }, () => rng.next() * 2 - 1), [3, ...c.inputShape]);
      // the same seed on every call: forward and gradient see one dropout mask
      const ctx = { training: c.training ?? false, nextSeed: () => 7 };
      const y = layer.apply(x, ctx);
      const r = tf.tensor(Float32Array.from({ length: y.size }, () => rng.next()), y.shape);
      const f = (input: Tensor) => tf.sum(tf.mul(layer.apply(input, ctx), r));
      const dx = tf.grad(f)(x);
      const dw = layer.weights.length ? tf.variableGrads(() => f(x) as tf.Scalar, layer.weights.map((w) => w.variable)).grads : {};
      return [y, dx, ...layer.weights.map((w) => dw[w.variable.name])].map((t) => Array.from(t.dataSync()));
    });
  } finally {
    for (const w of layer.weights) w.variable.dispose();
  }
}

function runLosses(): number[][] {
  return tf.tidy(() => {
    const rng = createRng(5);
    const z = tf.tensor(Float32Array.from({ length: 40 }, () => rng.next() * 8 - 4), [4, 10]);
    const x = tf.tensor(Float32Array.from({ length: 40 }, () => rng.next()), [4, 10]);
    const grad = tf.grad((l: Tensor) => tf.sum(bceFromLogits(l, x)))(z);
    // saturated logits: BCE must stay finite and exact on every backend
    const big = tf.tensor([-200, -90, -30, -12, -1e-3, 0, 1e-3, 12, 30, 90, 200, 5], [2, 6]);
    const targets = tf.tensor([0, 1, 0.5, 1, 0, 0.5, 1, 0, 0.5, 0, 1, 0.25], [2, 6]);
    const bigGrad = tf.grad((l: Tensor) => tf.sum(bceFromLogits(l, targets)))(big);
    return [bceFromLogits(z, x), grad, mse(z, x), gaussianKl(z, x), bceFromLogits(big, targets), bigGrad].map((t) => Array.from(t.dataSync()));
  });
}

function expectClose(actual: number[][], expected: number[][], tol: number, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((arr, k) => {
    expect(arr.length, `${label} [${k}] length`).toBe(expected[k].length);
    const scale = Math.max(1e-3, ...expected[k].map(Math.abs));
    let worst = 0;
    arr.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[k][i]) / scale)));
    expect(worst, `${label} [${k}]: max relative error`).toBeLessThan(tol);
  });
}

async function onBackend<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  await tf.setBackend(name);
  await tf.ready();
  return fn();
}

/**
 * Declares the conformance tests for a backend (call at the top level of a vitest file).
 *
 * @example
 * backendConformanceSuite({ backend: 'wasm', setup: async () => { await setupWasm(); } });
 */
export function backendConformanceSuite(opts: BackendSuiteOptions): void {
  const tol = opts.tolerance ?? 1e-4;
  const d = opts.skip ? describe.skip : describe;
  d(`backend conformance: ${opts.backend}${opts.skip ? ` (skipped: ${opts.skip})` : ''}`, () => {
    beforeAll(async () => {
      await import('@tensorflow/tfjs-backend-cpu');
      await opts.setup();
    });

    const cases = conformanceCases(opts.layerCases);
    it.each(cases.map((c) => [c.label, c] as const))('%s: forward and gradients match cpu', async (_label, c) => {
      const expected = await onBackend('cpu', () => runCase(c));
      const actual = await onBackend(opts.backend, () => runCase(c));
      expectClose(actual, expected, tol, c.label);
    });

    it('losses and their gradients match cpu', async () => {
      const expected = await onBackend('cpu', runLosses);
      const actual = await onBackend(opts.backend, runLosses);
      expectClose(actual, expected, tol, 'losses');
    });

    it('leaks no tensors', async () => {
      await onBackend(opts.backend, () => runCase(cases[0]));
      const before = tf.memory().numTensors;
      for (const c of cases) runCase(c);
      expect(tf.memory().numTensors).toBe(before);
    });

    for (const model of opts.models ?? [])
      it(`${model.label}: training losses agree with cpu, and models move between backends`, async () => {
        const data = suiteData(64, model.inputShape);
        const fit = async (backend: string) =>
          onBackend(backend, async () => {
            const m = Autoencoder.create({ inputShape: model.inputShape, variants: model.variants, seed: 4 });
            const r = await train(m, data, { epochs: 3, batchSize: 16, seed: 2 });
            return { m, losses: r.history.map((h) => h.loss) };
          });
        const ref = await fit('cpu');
        const got = await fit(opts.backend);
        got.losses.forEach((l, i) => expect(Math.abs(l - ref.losses[i]) / ref.losses[i], `epoch ${i} loss`).toBeLessThan(1e-3));
        const store = memoryStore();
        await onBackend(opts.backend, () => saveModel(got.m, store));
        const moved = await onBackend('cpu', () => loadModel(store));
        const x = tf.tensor(data.x.slice(0, data.x.length / 16), [4, ...model.inputShape]);
        const onCpu = await onBackend('cpu', () => Array.from(moved.reconstruct(x).dataSync()));
        const onTarget = await onBackend(opts.backend, () => Array.from(got.m.reconstruct(x).dataSync()));
        expectClose([onCpu], [onTarget], 1e-4, 'moved model');
        x.dispose();
        [ref.m, got.m, moved].forEach((m) => m.dispose());
      });
  });
}

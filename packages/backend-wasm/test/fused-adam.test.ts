/**
 * Core's fused Adam update on wasm (`kernels/optimizer/adam.ts`): core's
 * optimizer calls it, and its weights and moments equal the plain-ops rule
 * bit for bit after several steps, compiled and in JS, with and without
 * weight decay, in both optimizer layouts, leaking nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ADAM_KERNEL, createOptimizer, setBackendHints } from '@hourglass/core';
import { describe, expect, it } from 'vitest';
import { useCompiledKernels } from '../src/kernels/compiled-module.js';
import { withFusedKernelDefaults } from './helpers/fused.js';

withFusedKernelDefaults('fusedOptimizer', 'flatOptimizer');

/** Sizes 185 and 7: both leave a tail after the four-float SIMD loop. */
const SHAPES = [[37, 5], [7], [16, 4]];

/** Seeded gradients with zeros, tiny and large values, so sqrt and the division see every range. */
const gradients = (vars: tf.Variable[], step: number) =>
  vars.map((v, i) =>
    tf.tidy(() => tf.mul(tf.randomNormal(v.shape, 0, 1, 'float32', 100 * step + i + 1), tf.pow(10, tf.floor(tf.randomUniform(v.shape, -6, 3, 'float32', 7 * step + i + 1))))),
  );

/** Weights and moments after `steps` Adam updates, and the kernels the last update ran. */
async function train(options: { fused: boolean; weightDecay?: number; flat?: boolean; steps?: number }) {
  setBackendHints('wasm', { fusedOptimizer: options.fused, flatOptimizer: options.flat ?? false });
  const vars = SHAPES.map((shape, i) => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', i + 1)));
  const opt = createOptimizer(vars, { name: 'adam', learningRate: 0.01, beta2: 0.99, weightDecay: options.weightDecay ?? 0 });
  const steps = options.steps ?? 6;
  let kernels: string[] = [];
  for (let s = 0; s < steps; s++) {
    const grads = gradients(vars, s);
    if (s === steps - 1) kernels = (await tf.profile(() => opt.apply(grads))).kernels.map((k) => k.name);
    else opt.apply(grads);
    tf.dispose(grads);
  }
  const slots = opt.slots();
  const values = [...vars, ...slots.map((s) => s.tensor)].map((t) => Array.from(t.dataSync()));
  tf.dispose(slots.map((s) => s.tensor));
  opt.dispose();
  tf.dispose(vars);
  return { values, kernels };
}

describe('fused Adam on wasm', () => {
  it('is what core runs: one kernel per weight tensor, no elementwise chain', async () => {
    expect(tf.getKernel(ADAM_KERNEL, 'wasm')).toBeDefined();
    const fused = await train({ fused: true, steps: 2 });
    expect(fused.kernels.filter((k) => k === ADAM_KERNEL)).toHaveLength(SHAPES.length);
    expect(fused.kernels).not.toContain('Sqrt');
    const plain = await train({ fused: false, steps: 2 });
    expect(plain.kernels).not.toContain(ADAM_KERNEL);
    expect(plain.kernels.filter((k) => k === 'Sqrt')).toHaveLength(SHAPES.length);
  });

  it.each([
    ['per weight', false, 0],
    ['per weight, weight decay', false, 0.05],
    ['flat', true, 0],
    ['flat, weight decay', true, 0.05],
  ])('gives the plain rule bit for bit (%s), compiled and in JS', async (_label, flat, weightDecay) => {
    const plain = await train({ fused: false, flat, weightDecay });
    const compiled = await train({ fused: true, flat, weightDecay });
    useCompiledKernels(false);
    const js = await train({ fused: true, flat, weightDecay });
    expect(compiled.values).toEqual(plain.values);
    expect(js.values).toEqual(plain.values);
    // and the update did move the weights
    const start = tf.tidy(() => Array.from(tf.randomNormal(SHAPES[0], 0, 1, 'float32', 1).dataSync()));
    expect(plain.values[0]).not.toEqual(start);
  });

  it('leaks no tensors, data ids or heap', () => {
    setBackendHints('wasm', { fusedOptimizer: true });
    const backend = tf.backend() as BackendWasm;
    const vars = SHAPES.map((shape, i) => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', i + 1)));
    const grads = vars.map((v, i) => tf.randomNormal(v.shape, 0, 1, 'float32', i + 11));
    const opt = createOptimizer(vars, { name: 'adam' });
    opt.apply(grads);
    const tensors = tf.memory().numTensors;
    const ids = backend.numDataIds();
    for (let i = 0; i < 5; i++) {
      opt.apply(grads);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backend.numDataIds()).toBe(ids);
    }
    opt.dispose();
    tf.dispose([...vars, ...grads]);
  });

  it('names a mis-sized input', () => {
    const w = tf.zeros([4]);
    const bad = tf.zeros([3]);
    const attrs = { learningRate: 1, beta1: 0.9, oneMinusBeta1: 0.1, beta2: 0.999, oneMinusBeta2: 0.001, epsilon: 1e-8, weightDecay: 0 };
    expect(() => tf.engine().runKernel(ADAM_KERNEL, { w, g: bad, m: w, v: w }, attrs as unknown as tf.NamedAttrMap)).toThrow(/HourglassAdam: g must be float32 with 4 values like w \[4\], got float32 \[3\]/);
    tf.dispose([w, bad]);
  });
});

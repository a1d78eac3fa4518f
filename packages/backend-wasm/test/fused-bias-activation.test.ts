/**
 * Core's fused bias + activation on wasm (`kernels/bias/bias-activation.ts`):
 * y and dPre equal the plain ops bit for bit, the bias gradient equals an
 * exact (float64) sum rounded once, compiled and in JS, for dense rows and
 * image batches with channel counts that do and do not fill SIMD lanes;
 * core's layers call the kernels, and a model trains to the same losses
 * with them as without.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Autoencoder, BIAS_ACTIVATION_KERNELS, setBackendHints, train, type VariantChoice } from '@hourglass/core';
import '@hourglass/variant-undercomplete/register';
import '@hourglass/variant-convolutional/register';
import { suiteData } from '@hourglass/core/testing';
import { describe, expect, it } from 'vitest';
import { useCompiledKernels } from '../src/kernels/compiled-module.js';
import { withFusedKernelDefaults } from './helpers/fused.js';

withFusedKernelDefaults('fusedBiasActivation');

const { forward, gradient } = BIAS_ACTIVATION_KERNELS;
const run = (name: string, inputs: tf.NamedTensorMap, activation: string) =>
  tf.engine().runKernel(name, inputs, { activation } as unknown as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];

/** Shapes [..., k]: k = 1, 7 (tail only / SIMD and tail), 16 and 784. */
const SHAPES = [[6, 5, 5, 1], [9, 7], [3, 4, 4, 16], [5, 784]];

describe.each(['compiled', 'JS'])('fused bias + activation kernels (%s)', (mode) => {
  it.each(SHAPES.flatMap((shape) => ['relu', 'linear'].map((act) => [shape, act] as const)))('%j %s: the plain ops bit for bit, the bias sums exact', (shape, act) => {
    useCompiledKernels(mode === 'compiled');
    const k = shape[shape.length - 1];
    const x = tf.randomNormal(shape, 0, 1, 'float32', 1);
    const b = tf.randomNormal([k], 0, 1, 'float32', 2);
    const dy = tf.randomNormal(shape, 0, 1, 'float32', 3);
    const y = run(forward, { x, bias: b }, act) as tf.Tensor;
    const plainY = act === 'relu' ? tf.relu(tf.add(x, b)) : tf.add(x, b);
    expect(Array.from(y.dataSync())).toEqual(Array.from(plainY.dataSync()));
    const [dPre, db] = run(gradient, { dy, y }, act) as tf.Tensor[];
    const plainDPre = act === 'relu' ? tf.mul(dy, tf.step(y)) : dy;
    expect(Array.from(dPre.dataSync())).toEqual(Array.from(plainDPre.dataSync()));
    const exact = new Float64Array(k);
    plainDPre.dataSync().forEach((v, i) => (exact[i % k] += v));
    expect(db.shape).toEqual([k]);
    expect(Array.from(db.dataSync())).toEqual(Array.from(Float32Array.from(exact)));
    if (act === 'relu') expect(dPre.dataSync().some((v) => v === 0) && dPre.dataSync().some((v) => v !== 0)).toBe(true);
    tf.dispose([x, b, dy, y, plainY, dPre, db, plainDPre]);
  });
});

describe('fused bias + activation in core', () => {
  const MODELS: Array<[string, VariantChoice[]]> = [
    ['dense', [{ name: 'undercomplete', config: { latent: 4, hidden: [16] } }]],
    ['convolutional', [{ name: 'convolutional', config: { filters: [4, 4] } }]],
  ];

  it.each(MODELS)('%s: layers call the kernels; losses equal the plain path within float32 rounding', async (_label, variants) => {
    const fit = async (fused: boolean) => {
      setBackendHints('wasm', { fusedBiasActivation: fused });
      const m = Autoencoder.create({ inputShape: [8, 8, 1], variants, seed: 3 });
      const profile = await tf.profile(() => tf.tidy(() => m.step(tf.randomUniform([4, 8, 8, 1], 0, 1, 'float32', 9), { seed: 1 }).loss));
      const r = await train(m, suiteData(64, [8, 8, 1]), { epochs: 3, batchSize: 16, seed: 5, optimizer: { learningRate: 0.01 } });
      m.dispose();
      return { losses: r.history.map((h) => h.loss), kernels: profile.kernelNames };
    };
    const fused = await fit(true);
    const plain = await fit(false);
    expect(fused.kernels).toContain(forward);
    expect(plain.kernels).not.toContain(forward);
    fused.losses.forEach((l, i) => expect(Math.abs(l - plain.losses[i]) / plain.losses[i]).toBeLessThan(1e-5));
  });

  it('leaks no tensors, data ids or heap', () => {
    const backend = tf.backend() as BackendWasm;
    const x = tf.randomNormal([8, 6, 6, 5], 0, 1, 'float32', 1);
    const b = tf.randomNormal([5], 0, 1, 'float32', 2);
    const tensors = tf.memory().numTensors;
    const ids = backend.numDataIds();
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => {
        const y = run(forward, { x, bias: b }, 'relu') as tf.Tensor;
        tf.dispose(run(gradient, { dy: x, y }, 'relu') as tf.Tensor[]);
      });
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backend.numDataIds()).toBe(ids);
    }
    tf.dispose([x, b]);
  });

  it('names a wrong activation or input', () => {
    const x = tf.zeros([2, 3]);
    expect(() => run(forward, { x, bias: tf.zeros([3]) }, 'tanh')).toThrow(/HourglassBiasActivation: activation must be one of relu, linear, got "tanh"/);
    expect(() => run(forward, { x, bias: tf.zeros([4]) }, 'relu')).toThrow(/HourglassBiasActivation: expected float32 inputs of 6 and 3 values, got float32 \[2, 3\] and float32 \[4\]/);
    x.dispose();
  });
});

/**
 * Core's fused binary cross-entropy from logits on wasm
 * (`kernels/loss/bce-logits.ts`): row sums and sigmoid(z) - x against a
 * float64 reference over logits from 1e-3 to 3e2 in size, compiled and in
 * JS; core's loss calls it without a mask and not with one, and its value
 * and gradient match the plain ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BCE_LOGITS_KERNEL, bceFromLogits, setBackendHints } from '@hourglass/core';
import { describe, expect, it } from 'vitest';
import { useCompiledKernels } from '../src/kernels/compiled-module.js';
import { withFusedKernelDefaults } from './helpers/fused.js';

withFusedKernelDefaults('fusedLoss');

/** Logits of every size (and sign), targets in [0, 1], with exact 0 and 1 among them. */
function batch(n: number, k: number) {
  const z = tf.tidy(() => tf.mul(tf.randomNormal([n, k], 0, 1, 'float32', 1), tf.pow(10, tf.floor(tf.randomUniform([n, k], -3, 2.5, 'float32', 2)))));
  const x = tf.tidy(() => tf.clipByValue(tf.randomUniform([n, k], -0.2, 1.2, 'float32', 3), 0, 1));
  return { z, x };
}

describe.each(['compiled', 'JS'])('fused BCE kernel (%s)', (mode) => {
  it.each([[7, 1001], [5, 3], [4, 16]])('[%i, %i]: row sums within 1e-6, sigmoid(z) - x within 2e-7 of float64', (n, k) => {
    useCompiledKernels(mode === 'compiled');
    const { z, x } = batch(n, k);
    const [sums, g] = tf.engine().runKernel(BCE_LOGITS_KERNEL, { z, x }) as tf.Tensor[];
    expect(sums.shape).toEqual([n]);
    expect(g.shape).toEqual([n, k]);
    const [Z, X, S, G] = [z, x, sums, g].map((t) => t.dataSync());
    for (let r = 0; r < n; r++) {
      let exact = 0;
      for (let i = r * k; i < (r + 1) * k; i++) {
        const e = Math.exp(-Math.abs(Z[i]));
        exact += Math.max(Z[i], 0) + Math.log1p(e) - Z[i] * X[i];
        expect(Math.abs(G[i] - ((Z[i] >= 0 ? 1 : e) / (1 + e) - X[i]))).toBeLessThan(2e-7);
      }
      expect(Math.abs(S[r] - exact) / Math.abs(exact)).toBeLessThan(1e-6);
    }
    tf.dispose([z, x, sums, g]);
  });
});

describe('fused BCE in core', () => {
  it('gives the plain ops value and gradient (within float32 rounding), and runs only without a mask', async () => {
    const { z, x } = batch(6, 784);
    const lossAndGrad = async (fused: boolean, mask?: tf.Tensor) => {
      setBackendHints('wasm', { fusedLoss: fused });
      const f = (logits: tf.Tensor) => tf.mean(bceFromLogits(logits, x, mask));
      const profile = await tf.profile(() => tf.tidy(() => f(z)));
      const { value, grad } = tf.valueAndGrad(f)(z);
      const out = { value: value.dataSync()[0], grad: Array.from(grad.dataSync()), kernels: profile.kernelNames };
      tf.dispose([value, grad]);
      return out;
    };
    const fused = await lossAndGrad(true);
    const plain = await lossAndGrad(false);
    expect(fused.kernels).toContain(BCE_LOGITS_KERNEL);
    expect(plain.kernels).not.toContain(BCE_LOGITS_KERNEL);
    expect(Math.abs(fused.value - plain.value) / plain.value).toBeLessThan(1e-6);
    fused.grad.forEach((v, i) => expect(Math.abs(v - plain.grad[i])).toBeLessThan(1e-9));
    const mask = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([6, 784], 0, 1, 'float32', 4), 0.3), 'float32'));
    expect((await lossAndGrad(true, mask)).kernels).not.toContain(BCE_LOGITS_KERNEL);
    tf.dispose([z, x, mask]);
  });

  it('leaks no tensors', () => {
    const { z, x } = batch(4, 10);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.tidy(() => void tf.grad((logits: tf.Tensor) => tf.mean(bceFromLogits(logits, x)))(z).dataSync());
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([z, x]);
  });

  it('names a wrong input', () => {
    const z = tf.zeros([2, 3]);
    expect(() => tf.engine().runKernel(BCE_LOGITS_KERNEL, { z, x: tf.zeros([2, 2]) })).toThrow(/HourglassBceLogits: expected float32 logits \[n, k\] and targets of the same size, got float32 \[2, 3\] and float32 \[2, 2\]/);
    z.dispose();
  });
});

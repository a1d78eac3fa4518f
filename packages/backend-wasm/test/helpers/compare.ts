/** Running the same computation on 'cpu' and 'wasm' and comparing numbers. */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Deterministic pseudo-random values in [-1, 1) (xorshift32). */
export function seeded(length: number, seed: number): Float32Array {
  let s = (seed * 2654435761) >>> 0 || 1;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `fn` on `backend` and returns every output's values (tensors disposed). */
export async function runOn(
  backend: 'cpu' | 'wasm',
  fn: () => tf.Tensor | tf.Tensor[],
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(() => {
    const r = fn();
    return Array.isArray(r) ? r : [r];
  });
  const values = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outs);
  return values;
}

/** max |a - e| / max |e| (or absolute when e is all ~0). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale > 1e-6 ? diff / scale : diff;
}

/** Asserts wasm and cpu agree to `rtol` (relative to the largest |value|). */
export async function expectSameOnWasmAndCpu(
  fn: () => tf.Tensor | tf.Tensor[],
  rtol = 1e-4,
  label = '',
): Promise<void> {
  const expected = await runOn('cpu', fn);
  const actual = await runOn('wasm', fn);
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Number.isFinite(expected[i][0] ?? 0), `${label} cpu output ${i} is finite`).toBe(true);
    const err = relativeError(actual[i], expected[i]);
    expect(err, `${label} output ${i}: relative error ${err}`).toBeLessThanOrEqual(rtol);
  }
}

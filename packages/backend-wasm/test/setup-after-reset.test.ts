/**
 * setupWasm() after tf.engine().reset(), in a process of its own: each reset
 * disposes the backend the report describes, so the next call sets it up
 * again (threads included) and reports what it really got, and no cycle adds
 * or removes process listeners.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, expect, it } from 'vitest';
import { setupWasm, type WasmReport } from '../src/index.js';

const listenerCount = () =>
  process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
const userHandler = () => undefined;
const state: { first?: WasmReport; listenersBefore?: number } = {};

afterAll(() => {
  process.removeListener('uncaughtException', userHandler);
});

/** A matMul large enough for XNNPACK's thread pool, checked against plain JS. */
function matMulIsRight(): boolean {
  const [m, k, n] = [64, 96, 48];
  const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
  const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const c = tf.tidy(() => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])).dataSync());
  for (let i = 0; i < m; i += 7) {
    for (let j = 0; j < n; j += 5) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      if (Math.abs(s - c[i * n + j]) > 1e-3) return false;
    }
  }
  return true;
}

it('sets the backend up again after each reset, with the same threads, and leaves the listeners as they were', async () => {
  process.on('uncaughtException', userHandler);
  const listenersBefore = (state.listenersBefore = listenerCount());
  const first = (state.first = await setupWasm());
  expect(first.threads).toBe(getThreadsCount());
  for (let cycle = 0; cycle < 3; cycle++) {
    tf.engine().reset();
    expect(listenerCount()).toBe(listenersBefore);
    const report = await setupWasm();
    expect(report).not.toBe(first);
    expect(report.threads).toBe(getThreadsCount());
    expect(report.build).toBe(first.build);
    expect(report.threads).toBe(first.threads);
    expect(tf.getBackend()).toBe('wasm');
    expect(matMulIsRight()).toBe(true);
    expect(listenerCount()).toBe(listenersBefore);
    expect(process.listeners('uncaughtException')).toContain(userHandler);
    expect(await setupWasm()).toBe(report);
  }
});

it('reports what it has when the engine started wasm itself after a reset, and restores threads after the next reset', async () => {
  const { first, listenersBefore } = state as Required<typeof state>;
  tf.engine().reset();
  expect(await tf.setBackend('wasm')).toBe(true); // the engine's own start: no threads in Node
  expect(listenerCount()).toBe(listenersBefore);
  const report = await setupWasm();
  expect(report.threads).toBe(getThreadsCount());
  expect(report.build === 'threaded-simd').toBe(report.threads >= 2);
  expect(matMulIsRight()).toBe(true);

  tf.engine().reset();
  const restored = await setupWasm();
  expect(restored.threads).toBe(first.threads);
  expect(restored.threads).toBe(getThreadsCount());
  expect(listenerCount()).toBe(listenersBefore);
  expect(process.listeners('uncaughtException')).toContain(userHandler);
});

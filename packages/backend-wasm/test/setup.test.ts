/**
 * setupWasm() with the default thread policy, in a process of its own (each
 * vitest file is one): report fields, idempotence, and that nothing of the
 * Node thread machinery leaks into the process afterwards.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeWasm, setupWasm, type WasmReport } from '../src/index.js';

const listenerCount = () =>
  process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');

let report: WasmReport;
let listenersBefore: number;
const userHandler = () => undefined;
let cpusBefore: number;
let workerBefore: unknown;

beforeAll(async () => {
  process.on('unhandledRejection', userHandler);
  listenersBefore = listenerCount();
  cpusBefore = os.cpus().length;
  workerBefore = (globalThis as { Worker?: unknown }).Worker;
  report = await setupWasm();
});

describe('setupWasm()', () => {
  it('reports a consistent wasm setup', () => {
    expect(report.backend).toBe('wasm');
    expect(report.simd).toBe(true); // Node 20 has WebAssembly SIMD
    expect(['simd', 'threaded-simd', 'plain']).toContain(report.build);
    expect(Number.isInteger(report.threads) && report.threads >= 1).toBe(true);
    expect(report.build === 'threaded-simd').toBe(report.threads >= 2);
    expect(report.reason === undefined).toBe(report.build === 'threaded-simd');
    expect(report.initMs).toBeGreaterThanOrEqual(0);
    expect(report.kernels).toEqual(
      expect.arrayContaining(['Conv2DBackpropFilter', 'MaxPoolGrad', 'AvgPoolGrad', 'MaxPool', 'AvgPool', 'Conv2DBackpropInput', 'BatchMatMul', '_FusedMatMul', 'ResizeNearestNeighbor', 'ResizeNearestNeighborGrad', 'Identity']),
    );
    expect(tf.getBackend()).toBe('wasm');
  });

  it('starts the threaded build on a multi-core Node with one thread per core', async (ctx) => {
    const probe = await probeWasm();
    if (!probe.nodeThreads) ctx.skip('this Node cannot start worker threads for wasm');
    if (probe.cores < 2) ctx.skip(`one core only (${probe.cores}): the threaded build needs two`);
    expect(report.build, report.reason).toBe('threaded-simd');
    expect(report.threads).toBe(Math.min(probe.cores, 8));
  });

  it('computes correctly on the threads (large matMul against cpu)', async () => {
    const a = Float32Array.from({ length: 96 * 300 }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: 300 * 70 }, (_, i) => Math.cos(i));
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const c = tf.tidy(() => tf.matMul(tf.tensor2d(a, [96, 300]), tf.tensor2d(b, [300, 70])));
      const v = c.dataSync().slice();
      c.dispose();
      return v;
    };
    const expected = await run('cpu');
    const actual = await run('wasm');
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 3);
  });

  it('leaves no trace: listeners, globalThis.Worker, os.cpus', () => {
    expect(listenerCount()).toBe(listenersBefore);
    expect(process.listeners('unhandledRejection')).toContain(userHandler);
    expect((globalThis as { Worker?: unknown }).Worker).toBe(workerBefore);
    expect(os.cpus().length).toBe(cpusBefore);
  });

  it('returns the first report again and re-activates wasm', async () => {
    await tf.setBackend('cpu');
    const again = await setupWasm({ threads: false });
    expect(again).toBe(report);
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('probeWasm()', () => {
  it('reports capabilities without switching backends', async () => {
    await tf.setBackend('cpu');
    const probe = await probeWasm();
    expect(tf.getBackend()).toBe('cpu');
    expect(probe.simd).toBe(true);
    // tfjs' flag is hard-coded false in Node until setupWasm() turns threads on
    expect(probe.threads).toBe(report.build === 'threaded-simd');
    expect(typeof probe.nodeThreads).toBe('boolean');
    expect(probe.cores).toBeGreaterThanOrEqual(1);
    expect(probe.reason === undefined).toBe(probe.nodeThreads);
    await tf.setBackend('wasm');
  });
});

/**
 * setupNode / detectNode against the real tfjs-core engine, with a fake
 * tfjs-node that does what the real one does on load: register a
 * 'tensorflow' backend (here a CPU backend in disguise) and select it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { CPU_PACKAGE, GPU_PACKAGE, NodeBackendError, detectNode, setupNode } from '../src/index.js';
import { fakeLoader } from './fake-loader.js';

function fakeTfjsNode() {
  return {
    version: '4.22.0',
    load: () => {
      if (!tf.findBackendFactory('tensorflow')) tf.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
      void tf.setBackend('tensorflow');
      return { io: {} };
    },
  };
}

afterEach(async () => {
  await tf.setBackend('cpu');
  if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
});

describe('setupNode with a fake tfjs-node', () => {
  it('selects the tensorflow backend in the global engine', async () => {
    const info = await setupNode({ loader: fakeLoader({ [CPU_PACKAGE]: fakeTfjsNode() }) });
    expect(info).toEqual({ backend: 'tensorflow', package: CPU_PACKAGE, version: '4.22.0', gpu: false, threads: info.threads });
    expect(process.env.TF_NUM_INTRAOP_THREADS).toBe(String(info.threads));
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('reports gpu: true for the GPU build', async () => {
    const loader = fakeLoader({ [GPU_PACKAGE]: fakeTfjsNode(), [CPU_PACKAGE]: fakeTfjsNode() });
    const info = await setupNode({ loader });
    expect(info).toMatchObject({ package: GPU_PACKAGE, gpu: true });
    expect(loader.loaded).toEqual([GPU_PACKAGE]);
  });

  it('refuses a thread count other than the one TensorFlow loaded with, and a count that is not a positive integer', async () => {
    const loader = () => fakeLoader({ [CPU_PACKAGE]: fakeTfjsNode() });
    const { threads } = await setupNode({ loader: loader() });
    expect(await setupNode({ loader: loader(), threads })).toMatchObject({ threads });
    const e = await setupNode({ loader: loader(), threads: threads + 1 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(NodeBackendError);
    expect((e as NodeBackendError).code).toBe('THREADS_FIXED');
    expect((e as Error).message).toContain(`loaded in this process with ${threads} intra-op thread`);
    await expect(setupNode({ loader: loader(), threads: 0 })).rejects.toThrow(/threads must be a positive integer .* got 0/);
    await expect(setupNode({ loader: loader(), threads: 1.5 })).rejects.toThrow(RangeError);
    await expect(detectNode({ loader: loader(), threads: -2 })).rejects.toThrow(/threads must be a positive integer .* got -2/);
  });

  it('throws BACKEND_NOT_ACTIVE when the package registered no backend the engine can see', async () => {
    const loader = fakeLoader({ [CPU_PACKAGE]: { version: '4.22.0', load: () => ({}) } });
    const e = await setupNode({ loader }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(NodeBackendError);
    expect((e as NodeBackendError).code).toBe('BACKEND_NOT_ACTIVE');
    expect((e as Error).message).toContain('npm ls @tensorflow/tfjs-core');
  });
});

describe('detectNode with a fake tfjs-node', () => {
  it('leaves the selected backend alone', async () => {
    await tf.setBackend('cpu');
    const d = await detectNode({ loader: fakeLoader({ [CPU_PACKAGE]: fakeTfjsNode() }) });
    expect(d.available).toBe(true);
    expect(tf.getBackend()).toBe('cpu');
  });
});

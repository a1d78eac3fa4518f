/** probeBackends walks the list; describeDetails says each detail once. */
import { describe, expect, it } from 'vitest';
import { defineBackend, tf } from '@hourglass/core';
import { ADAPTERS } from '../src/adapters.js';
import { cpuBackend } from '../src/cpu.js';
import { describeDetails, probeBackends } from '../src/probe-backends.js';

describe('probeBackends', () => {
  it('probes every adapter in list order and leaves the active backend active', async () => {
    await cpuBackend.setup();
    const before = tf.getBackend();
    const rows = await probeBackends();
    expect(rows.map((r) => r.name)).toEqual(ADAPTERS.map((a) => a.name));
    expect(tf.getBackend()).toBe(before);
    const wasm = rows.find((r) => r.name === 'wasm')!;
    expect(wasm).toMatchObject({ available: true, tfjsBackend: 'wasm', details: { package: '@tensorflow/tfjs-backend-wasm', simd: true } });
    expect(wasm.details.threads).toBeGreaterThanOrEqual(1);
    expect(rows.find((r) => r.name === 'cpu')).toMatchObject({ available: true, details: { package: '@tensorflow/tfjs-backend-cpu' } });
    for (const r of rows) expect(r.available || typeof r.reason === 'string', r.name).toBe(true);
  });

  it('a probe that throws reports the first line of the error as the reason', async () => {
    const broken = defineBackend({
      name: 'broken',
      tfjsBackend: 'broken',
      description: 'throws',
      hints: {},
      probe: async () => {
        throw new Error('binding missing\nstack');
      },
      setup: async () => ({}),
    });
    expect(await probeBackends({ adapters: [broken] })).toEqual([
      { name: 'broken', tfjsBackend: 'broken', description: 'throws', available: false, reason: 'binding missing', details: {} },
    ]);
  });
});

describe('describeDetails', () => {
  it('says each detail once, in a fixed order', () => {
    expect(describeDetails({ package: '@tensorflow/tfjs-backend-wasm', version: '4.22.0', simd: true, threads: 2, cores: 2 })).toBe(
      '@tensorflow/tfjs-backend-wasm 4.22.0, SIMD yes, 2 threads (2 cores)',
    );
    expect(describeDetails({ simd: true, threads: 1, cores: 1, limit: 'one CPU core' })).toBe('SIMD yes, 1 thread (1 core), one CPU core');
    expect(describeDetails({ package: '@tensorflow/tfjs-node', version: '4.22.0', gpu: false })).toBe('@tensorflow/tfjs-node 4.22.0, GPU no');
    expect(describeDetails({})).toBe('');
  });
});

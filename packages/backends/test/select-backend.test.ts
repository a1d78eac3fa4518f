/** selectBackend: the auto order, the reasons it reports, and explicit choices. */
import { describe, expect, it } from 'vitest';
import { activeHints, defineBackend, isHourglassError, tf } from '@hourglass/core';
import { wasmBackend } from '@hourglass/backend-wasm';
import { ADAPTERS, BACKENDS } from '../src/adapters.js';
import { cpuBackend } from '../src/cpu.js';
import { selectBackend } from '../src/select-backend.js';

/** An adapter whose setup fails with `message` (plus a second line the report must drop). */
const failing = (name: string, message: string) =>
  defineBackend({
    name,
    tfjsBackend: `${name}-tfjs`,
    description: `a failing ${name}`,
    hints: {},
    probe: async () => ({ available: false, reason: message, details: {} }),
    setup: async () => {
      throw new Error(`${message}\nmore detail`);
    },
  });

describe('selectBackend', () => {
  it('auto falls back from native to wasm and says why', async () => {
    const r = await selectBackend('auto', { adapters: [failing('node', '@tensorflow/tfjs-node is not installed'), wasmBackend, cpuBackend] });
    expect(r.name).toBe('wasm');
    expect(r.tfjsBackend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.details).toMatchObject({ simd: true });
    expect(r.skipped).toEqual([{ name: 'node', reason: '@tensorflow/tfjs-node is not installed' }]);
  });

  it('the chosen adapter declares its hints', async () => {
    await selectBackend('wasm', { adapters: [wasmBackend] });
    expect(activeHints()).toEqual(wasmBackend.hints);
    await selectBackend('cpu');
    expect(activeHints()).toEqual({});
  });

  it('auto ends on cpu when neither native nor wasm starts', async () => {
    const r = await selectBackend('auto', { adapters: [failing('node', 'no tfjs-node'), failing('wasm', 'no WebAssembly'), cpuBackend] });
    expect(r.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(r.skipped.map((s) => s.name)).toEqual(['node', 'wasm']);
  });

  it('an explicit choice that fails is an error, not a fallback', async () => {
    await expect(selectBackend('node', { adapters: [failing('node', 'no tfjs-node'), cpuBackend] })).rejects.toThrow(/no tfjs-node/);
  });

  it('an unknown name is an error that lists the names', async () => {
    const e = await selectBackend('gpu').catch((err: unknown) => err);
    expect(isHourglassError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'BACKEND', message: 'unknown backend "gpu"; choose one of: auto, node, wasm, cpu' });
  });

  it('names every reason when nothing starts', async () => {
    const adapters = [failing('node', 'a'), failing('wasm', 'b'), failing('cpu', 'c')];
    await expect(selectBackend('auto', { adapters })).rejects.toThrow('no backend could be initialised: node: a; wasm: b; cpu: c');
    const e = await selectBackend('auto', { adapters }).catch((err: unknown) => err);
    expect(isHourglassError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'BACKEND' });
  });

  it('--backend takes auto and the name of every adapter, in list order', () => {
    expect(BACKENDS).toEqual(['auto', ...ADAPTERS.map((a) => a.name)]);
    expect(ADAPTERS.map((a) => a.name)).toEqual(['node', 'wasm', 'cpu']);
  });
});

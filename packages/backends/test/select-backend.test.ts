/** selectBackend: the auto order, the reasons it reports, and explicit choices. */
import { describe, expect, it } from 'vitest';
import { isHourglassError, tf } from '@hourglass/core';
import { selectBackend } from '../src/select-backend.js';

const fails = (message: string) => async () => {
  throw new Error(`${message}\nmore detail`);
};

describe('selectBackend', () => {
  it('auto falls back from native to wasm and says why', async () => {
    const r = await selectBackend('auto', { setups: { node: fails('@tensorflow/tfjs-node is not installed') } });
    expect(r.name).toBe('wasm');
    expect(r.tfBackend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.skipped).toEqual([{ name: 'node', reason: '@tensorflow/tfjs-node is not installed' }]);
  });

  it('auto ends on cpu when neither native nor wasm starts', async () => {
    const r = await selectBackend('auto', { setups: { node: fails('no tfjs-node'), wasm: fails('no WebAssembly') } });
    expect(r.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(r.skipped.map((s) => s.name)).toEqual(['node', 'wasm']);
  });

  it('an explicit choice that fails is an error, not a fallback', async () => {
    await expect(selectBackend('node', { setups: { node: fails('no tfjs-node') } })).rejects.toThrow(/no tfjs-node/);
  });

  it('names every reason when nothing starts', async () => {
    await expect(selectBackend('auto', { setups: { node: fails('a'), wasm: fails('b'), cpu: fails('c') } })).rejects.toThrow(
      'no backend could be initialised: node: a; wasm: b; cpu: c',
    );
    const e = await selectBackend('auto', { setups: { node: fails('a'), wasm: fails('b'), cpu: fails('c') } }).catch((err: unknown) => err);
    expect(isHourglassError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'BACKEND' });
  });
});

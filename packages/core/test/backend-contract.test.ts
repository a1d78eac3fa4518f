/** defineBackend: validation, a probe that never rejects, hints declared by setup. */
import { describe, expect, it } from 'vitest';
import { ConfigError, activeHints, defineBackend, setBackendHints, tf, type BackendAdapter } from '../src/index.js';

const valid = (): BackendAdapter<'plain'> => ({
  name: 'plain',
  tfjsBackend: 'cpu',
  description: 'the cpu backend under another name',
  hints: { flatOptimizer: false, columnSumByMatMul: true },
  probe: async () => ({ available: true, details: { threads: 1 } }),
  setup: async () => {
    await tf.setBackend('cpu');
    return { threads: 1 };
  },
});

describe('defineBackend', () => {
  it.each([
    ['a bad name', { name: 'Plain Backend' }, /backend name "Plain Backend" must be lower-case/],
    ['no tfjs backend', { tfjsBackend: '' }, /must name the tfjs backend it provides/],
    ['no description', { description: '' }, /must have a one-line description/],
    ['no hints', { hints: undefined }, /must declare its hints/],
    ['no probe', { probe: undefined }, /must define probe\(\)/],
    ['no setup', { setup: 'yes' }, /must define setup\(\)/],
  ])('rejects %s', (_label, change, message) => {
    const def = { ...valid(), ...change } as unknown as BackendAdapter<string>;
    expect(() => defineBackend(def)).toThrow(ConfigError);
    expect(() => defineBackend(def)).toThrow(message);
  });

  it('turns a probe that throws into an unavailable result with the first line as reason', async () => {
    const a = defineBackend({ ...valid(), probe: async () => Promise.reject(new Error('no binding\nat load()')) });
    expect(await a.probe()).toEqual({ available: false, reason: 'no binding', details: {} });
  });

  it('declares its hints for its tfjs backend when set up; overrides win', async () => {
    const a = defineBackend(valid());
    expect(await a.setup()).toEqual({ threads: 1 });
    expect(tf.getBackend()).toBe('cpu');
    expect(activeHints()).toEqual({ flatOptimizer: false, columnSumByMatMul: true });
    setBackendHints('cpu', { flatOptimizer: true });
    await a.setup();
    expect(activeHints()).toEqual({ flatOptimizer: true, columnSumByMatMul: true });
    setBackendHints('cpu', { flatOptimizer: undefined });
    expect(activeHints()).toEqual({ flatOptimizer: false, columnSumByMatMul: true });
    await defineBackend({ ...valid(), hints: {} }).setup();
    expect(activeHints()).toEqual({});
  });
});

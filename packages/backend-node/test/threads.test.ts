/**
 * TensorFlow's intra-op thread count is settled once, before the library
 * loads: the option, then TF_NUM_INTRAOP_THREADS, then cores - 1; the first
 * settlement wins and is written to the environment TensorFlow reads.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const ENV = 'TF_NUM_INTRAOP_THREADS';
let saved: string | undefined;
beforeEach(() => {
  saved = process.env[ENV];
  delete process.env[ENV];
  vi.resetModules();
});
afterEach(() => {
  if (saved === undefined) delete process.env[ENV];
  else process.env[ENV] = saved;
});

const fresh = () => import('../src/threads.js');

describe('native thread count', () => {
  it('defaults to one less than the cores, at least 1', async () => {
    const { defaultNativeThreads } = await fresh();
    expect(defaultNativeThreads(1)).toBe(1);
    expect(defaultNativeThreads(2)).toBe(1);
    expect(defaultNativeThreads(16)).toBe(15);
  });

  it('settles the default when nothing is asked, and writes it to the environment', async () => {
    const t = await fresh();
    expect(t.settledThreads()).toBeUndefined();
    const n = t.settleThreads();
    expect(n).toBe(t.defaultNativeThreads());
    expect(process.env[ENV]).toBe(String(n));
  });

  it('takes the environment over the default and the option over both; the first settlement wins', async () => {
    process.env[ENV] = '3';
    let t = await fresh();
    expect(t.settleThreads()).toBe(3);
    expect(t.settleThreads(5)).toBe(3);
    vi.resetModules();
    t = await fresh();
    expect(t.settleThreads(2)).toBe(2);
    expect(process.env[ENV]).toBe('2');
    expect(t.settledThreads()).toBe(2);
  });

  it('ignores an environment value that is not a positive integer', async () => {
    process.env[ENV] = 'many';
    const t = await fresh();
    expect(t.settleThreads()).toBe(t.defaultNativeThreads());
  });

  it('names a bad option and its value', async () => {
    const { checkThreadsOption } = await fresh();
    expect(() => checkThreadsOption(-1)).toThrow(/threads must be a positive integer .* got -1/);
    expect(() => checkThreadsOption(undefined)).not.toThrow();
    expect(() => checkThreadsOption(4)).not.toThrow();
  });
});

describe('native thread count when TensorFlow was loaded before', () => {
  it("reports what TensorFlow read then, and leaves the environment alone", async () => {
    const { availableParallelism } = await import('node:os');
    let t = await fresh();
    expect(t.settleThreads(1, true)).toBe(availableParallelism());
    expect(process.env[ENV]).toBeUndefined();
    vi.resetModules();
    process.env[ENV] = '3';
    t = await fresh();
    expect(t.settleThreads(1, true)).toBe(3);
  });

  it('is known to the default loader by the require cache', async () => {
    const { createRequire } = await import('node:module');
    const { defaultLoader } = await import('../src/loader.js');
    createRequire(import.meta.url)('@tensorflow/tfjs-core');
    expect(defaultLoader.isLoaded!('@tensorflow/tfjs-core')).toBe(true);
    expect(defaultLoader.isLoaded!('@hourglass/no-such-package')).toBe(false);
  });
});

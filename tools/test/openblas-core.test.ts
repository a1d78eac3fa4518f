/**
 * The speed benchmark's yardstick core: an inherited OPENBLAS_CORETYPE is
 * not passed to PyTorch, BENCH_OPENBLAS_CORETYPE is, slow SSE-era cores are
 * recognised, and (where Debian's PyTorch is installed) the probe reports
 * the core OpenBLAS really runs, the one it was told to run.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { isSlowCore, openblasCore, yardstickEnv } from '../bench/openblas-core.mjs';

const hasTorch = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('yardstick OpenBLAS core', () => {
  it('drops an inherited core and says so', () => {
    const { env, note } = yardstickEnv({ PATH: '/usr/bin', OPENBLAS_CORETYPE: 'Haswell' });
    expect(env.OPENBLAS_CORETYPE).toBeUndefined();
    expect(env.PATH).toBe('/usr/bin');
    expect(note).toMatch(/OPENBLAS_CORETYPE=Haswell .* not passed to PyTorch/);
  });

  it('passes a core asked for with BENCH_OPENBLAS_CORETYPE', () => {
    const { env, note } = yardstickEnv({ OPENBLAS_CORETYPE: 'Haswell', BENCH_OPENBLAS_CORETYPE: 'Zen' });
    expect(env.OPENBLAS_CORETYPE).toBe('Zen');
    expect(note).toBeUndefined();
    expect(yardstickEnv({}).note).toBeUndefined();
  });

  it('knows the slow cores', () => {
    expect(isSlowCore('Prescott')).toBe(true);
    expect(isSlowCore('prescott')).toBe(true);
    expect(isSlowCore('SkylakeX')).toBe(false);
    expect(isSlowCore('Haswell')).toBe(false);
  });

  it.skipIf(!hasTorch)('reports the core OpenBLAS runs', async () => {
    const env = { ...process.env, OPENBLAS_CORETYPE: 'Prescott' };
    expect(await openblasCore(env)).toBe('Prescott');
    expect(isSlowCore(await openblasCore({ ...process.env, OPENBLAS_CORETYPE: 'Haswell' }))).toBe(false);
  }, 60_000);
});

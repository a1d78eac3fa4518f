/**
 * Detection logic, with a fake loader: no tfjs-node needed.
 */
import { describe, expect, it } from 'vitest';
import { CPU_PACKAGE, GPU_PACKAGE, candidatePackages, detectNode } from '../src/index.js';
import { ERRORS, fakeLoader } from './fake-loader.js';

const ok = (version = '4.22.0') => ({ version, load: () => ({}) });
const broken = (err: () => Error) => ({ version: '4.22.0', load: () => { throw err(); } });

describe('candidatePackages', () => {
  it('tries the GPU build first by default', () => {
    expect(candidatePackages()).toEqual([GPU_PACKAGE, CPU_PACKAGE]);
    expect(candidatePackages(true)).toEqual([GPU_PACKAGE]);
    expect(candidatePackages(false)).toEqual([CPU_PACKAGE]);
  });
});

describe('detectNode', () => {
  it('reports both packages as not installed when neither is', async () => {
    const loader = fakeLoader({});
    const d = await detectNode({ loader });
    expect(d.available).toBe(false);
    expect(d.package).toBeUndefined();
    expect(d.reason).toBe(`${GPU_PACKAGE}: not installed; ${CPU_PACKAGE}: not installed`);
    expect(d.candidates.map((c) => c.status)).toEqual(['not-installed', 'not-installed']);
    expect(loader.loaded).toEqual([]);
  });

  it('finds the CPU package', async () => {
    const d = await detectNode({ loader: fakeLoader({ [CPU_PACKAGE]: ok('4.22.0') }) });
    expect(d).toMatchObject({ available: true, package: CPU_PACKAGE, version: '4.22.0' });
    expect(d.reason).toBeUndefined();
  });

  it('prefers the GPU package when both load, and does not load the CPU one', async () => {
    const loader = fakeLoader({ [CPU_PACKAGE]: ok(), [GPU_PACKAGE]: ok('4.22.0') });
    const d = await detectNode({ loader });
    expect(d.package).toBe(GPU_PACKAGE);
    expect(loader.loaded).toEqual([GPU_PACKAGE]);
  });

  it('falls back to the CPU package when the GPU one fails to load, and records why', async () => {
    const loader = fakeLoader({ [GPU_PACKAGE]: broken(ERRORS.cuda), [CPU_PACKAGE]: ok() });
    const d = await detectNode({ loader });
    expect(d.package).toBe(CPU_PACKAGE);
    expect(d.candidates[0]).toMatchObject({ package: GPU_PACKAGE, status: 'library-failed' });
    expect(d.candidates[0]?.error).toContain('libcudart');
    expect(loader.loaded).toEqual([GPU_PACKAGE, CPU_PACKAGE]);
  });

  it('gpu: false never touches the GPU package; gpu: true never the CPU one', async () => {
    const loader = fakeLoader({ [GPU_PACKAGE]: ok(), [CPU_PACKAGE]: ok() });
    expect((await detectNode({ loader, gpu: false })).package).toBe(CPU_PACKAGE);
    expect(loader.loaded).toEqual([CPU_PACKAGE]);
    const cpuOnly = fakeLoader({ [CPU_PACKAGE]: ok() });
    const d = await detectNode({ loader: cpuOnly, gpu: true });
    expect(d.available).toBe(false);
    expect(d.reason).toBe(`${GPU_PACKAGE}: not installed`);
    expect(cpuOnly.loaded).toEqual([]);
  });

  it.each([
    ['bindingMissing', 'binding-missing', 'native binding (tfjs_binding.node) is missing'],
    ['libtensorflow', 'library-failed', 'libtensorflow) it links to failed to load'],
    ['abi', 'binding-incompatible', 'built for another Node.js version'],
    ['other', 'load-failed', 'loading it failed (boom)'],
  ] as const)('explains a %s failure', async (kind, status, text) => {
    const d = await detectNode({ loader: fakeLoader({ [CPU_PACKAGE]: broken(ERRORS[kind]) }) });
    expect(d.available).toBe(false);
    expect(d.candidates[1]).toMatchObject({ package: CPU_PACKAGE, status, version: '4.22.0' });
    expect(d.reason).toContain(`${CPU_PACKAGE}: installed, but`);
    expect(d.reason).toContain(text);
    // only the first line of a multi-line error is kept
    expect(d.reason).not.toContain('Please run command');
  });
});

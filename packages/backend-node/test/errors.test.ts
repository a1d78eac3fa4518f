/**
 * The errors users see when tfjs-node is absent or broken (fake loader).
 */
import { describe, expect, it } from 'vitest';
import { isHourglassError } from '@hourglass/errors';
import { CPU_PACKAGE, GPU_PACKAGE, NodeBackendError, nodeFileIO, setupNode } from '../src/index.js';
import { OFFLINE_GUIDE } from '../src/errors.js';
import { ERRORS, fakeLoader } from './fake-loader.js';

async function thrown(p: Promise<unknown>): Promise<NodeBackendError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NodeBackendError);
  return e as NodeBackendError;
}

describe('setupNode without tfjs-node', () => {
  it('says exactly what to install, and why', async () => {
    const e = await thrown(setupNode({ loader: fakeLoader({}) }));
    expect(e.code).toBe('NOT_INSTALLED');
    expect(e.name).toBe('NodeBackendError');
    expect(isHourglassError(e)).toBe(true);
    expect(e.message).toContain('Run: npm install @tensorflow/tfjs-node');
    expect(e.message).toContain(`npm install ${GPU_PACKAGE}\` for CUDA GPUs`);
    expect(e.message).toContain('optional peer dependency of @hourglass/backend-node');
    expect(e.message).toContain("native TensorFlow C library binding behind the 'tensorflow' backend");
    expect(e.candidates.map((c) => c.status)).toEqual(['not-installed', 'not-installed']);
  });

  it('names the GPU package when the GPU build was asked for', async () => {
    const e = await thrown(setupNode({ gpu: true, loader: fakeLoader({}) }));
    expect(e.message).toContain(`Run: npm install ${GPU_PACKAGE}.`);
  });

  it('reports a broken install as LOAD_FAILED with the cause and the fix', async () => {
    const loader = fakeLoader({ [CPU_PACKAGE]: { version: '4.22.0', load: () => { throw ERRORS.bindingMissing(); } } });
    const e = await thrown(setupNode({ loader }));
    expect(e.code).toBe('LOAD_FAILED');
    expect(e.message).toContain(`${CPU_PACKAGE}@4.22.0 is installed, but its native binding (tfjs_binding.node) is missing`);
    expect(e.message).toContain(`npm rebuild ${CPU_PACKAGE}`);
  });

  it('sends offline users to instructions an installed package can reach, never to a script of the repository', async () => {
    const broken = fakeLoader({ [CPU_PACKAGE]: { version: '4.22.0', load: () => { throw ERRORS.bindingMissing(); } } });
    for (const e of [await thrown(setupNode({ loader: fakeLoader({}) })), await thrown(setupNode({ loader: broken }))]) {
      expect(e.message).toContain(`build it by hand from TensorFlow's Python wheel as ${OFFLINE_GUIDE} shows`);
      expect(e.message).toContain('or use @hourglass/backend-wasm, which needs no native code');
      expect(e.message).not.toMatch(/tools\/|setup-tfjs-node|see the @hourglass\/backend-node README/);
    }
    expect(OFFLINE_GUIDE).toBe('https://github.com/hourglass-ml/hourglass/tree/main/packages/backend-node#without-internet-access');
  });
});

describe('nodeFileIO without tfjs-node', () => {
  it('loads nothing when created, and throws the install message on use', async () => {
    const loader = fakeLoader({});
    const io = nodeFileIO('relative/dir', { loader });
    expect(io.dir).toMatch(/^\/.*relative\/dir$/);
    expect(io.saveUrl).toBe(`file://${io.dir}`);
    expect(io.loadUrl).toBe(`file://${io.dir}/model.json`);
    expect(loader.loaded).toEqual([]);
    const e = await thrown(io.loadWeights());
    expect(e.code).toBe('NOT_INSTALLED');
  });
});

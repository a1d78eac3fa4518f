/** setupWasm({ threads: false }): the plain SIMD build, with our kernels. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setupWasm, type WasmReport } from '../src/index.js';
import { filterGradKernels } from '../src/kernels/filter-grad/direct.js';
import { poolKernels } from '../src/kernels/pool/pool-kernels-module.js';
import { expectSameOnWasmAndCpu, seeded } from './helpers/compare.js';
import { ensureGradients } from './helpers/gradients.js';

let report: WasmReport;
beforeAll(async () => {
  await ensureGradients();
  report = await setupWasm({ threads: false });
});

it('reports the SIMD build, one thread, and why', () => {
  expect(report).toMatchObject({ backend: 'wasm', simd: true, threads: 1, build: 'simd', reason: 'threads: false' });
});

it('trains a conv filter on the SIMD build like cpu does', async () => {
  const xv = seeded(2 * 9 * 9 * 3, 1);
  const fv = seeded(3 * 3 * 3 * 4, 2);
  await expectSameOnWasmAndCpu(() =>
    tf.grad((f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(tf.tensor4d(xv, [2, 9, 9, 3]), f as tf.Tensor4D, 2, 'same'))))(
      tf.tensor4d(fv, [3, 3, 3, 4]),
    ),
  );
});

it('runs the compiled pooling gradients on the unshared memory', async () => {
  expect(poolKernels(tf.backend() as BackendWasm)).not.toBeNull();
  expect(filterGradKernels(tf.backend() as BackendWasm)).not.toBeNull();
  const xv = seeded(2 * 8 * 8 * 6, 3).map((v) => Math.round(v * 4) / 4); // with ties
  const dyv = seeded(2 * 4 * 4 * 6, 4);
  for (const pool of [tf.maxPool, tf.avgPool])
    await expectSameOnWasmAndCpu(() =>
      tf.grad((x: tf.Tensor) => tf.sum(tf.mul(pool(x as tf.Tensor4D, 2, 2, 'valid'), tf.tensor4d(dyv, [2, 4, 4, 6]))))(tf.tensor4d(xv, [2, 8, 8, 6])),
    );
});

it('ignores the options of later calls (the report is cached)', async () => {
  expect(await setupWasm({ fastKernels: false })).toBe(report);
});

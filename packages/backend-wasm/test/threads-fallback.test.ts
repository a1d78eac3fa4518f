/**
 * The Node threaded start must fail safe. A pthread worker that throws while
 * starting stands in for any breakage of tfjs' emscripten internals: the
 * attempt has to report why, leave no backend half-initialised, and the
 * SIMD build must then start and compute normally.
 */
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { tfjsWasmFiles } from '../src/node/package-dir.js';
import { startThreaded } from '../src/node/start-threaded.js';

it('falls back cleanly when a pthread worker fails to start', async () => {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const files = await tfjsWasmFiles();
  wasm.setWasmPaths(files.distDir);
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-wasm-'));
  const broken = join(dir, 'worker.cjs');
  writeFileSync(broken, "module.exports.wasmWorkerContents = 'throw new Error(\"worker boom\")';\n");
  const listeners = process.listenerCount('uncaughtException');

  const attempt = await startThreaded(wasm, { ...files, threadedWorkerModule: broken }, 2);
  expect(attempt.ok).toBe(false);
  expect(attempt.ok ? '' : attempt.reason).toMatch(/threaded build failed: .*worker boom/);
  expect((globalThis as { Worker?: unknown }).Worker).toBeUndefined();
  expect(tf.engine().registry.wasm).toBeUndefined();
  expect(tf.findBackendFactory('wasm')).not.toBeNull();

  expect(await tf.setBackend('wasm')).toBe(true);
  expect(wasm.getThreadsCount()).toBe(1);
  const y = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]));
  expect(Array.from(y.dataSync())).toEqual([19, 22, 43, 50]);
  // the failed glue and the plain one both installed throwing listeners; the
  // caller (setupWasm) removes them, startThreaded leaves that to it
  expect(process.listenerCount('uncaughtException')).toBeGreaterThanOrEqual(listeners);
});

/**
 * setupWasm() with a `wasmPaths` entry naming a file that does not exist, in
 * a process of its own (tfjs-backend-wasm cannot retry a failed start): the
 * error names the binary tried, its path and ENOENT, and a second call says
 * why it cannot retry.
 */
import '@tensorflow/tfjs-backend-cpu';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { isHourglassError } from '@hourglass/errors';
import { expect, it } from 'vitest';
import { setupWasm, WasmBackendError } from '../src/index.js';

const missing = join(tmpdir(), `hourglass-no-such-dir-${process.pid}`, 'tfjs-backend-wasm-simd.3f9a.wasm');

it('names the missing binary and its path', async () => {
  const warn = console.warn;
  console.warn = () => undefined; // tfjs warns about the failed start before the error says why
  let caught: unknown;
  try {
    await setupWasm({ threads: false, wasmPaths: { 'tfjs-backend-wasm-simd.wasm': missing } });
  } catch (error) {
    caught = error;
  } finally {
    console.warn = warn;
  }
  expect(caught).toBeInstanceOf(WasmBackendError);
  expect(isHourglassError(caught)).toBe(true);
  const error = caught as WasmBackendError;
  expect(error.code).toBe('BACKEND');
  expect(error.file).toBe(missing);
  expect(error.message).toContain(`could not load tfjs-backend-wasm-simd.wasm from ${missing}: ENOENT (no such file or directory)`);
});

it('says that a retry cannot work instead of failing obscurely', async () => {
  await expect(setupWasm({ threads: false })).rejects.toThrow(/an earlier attempt to initialise the wasm backend .* failed, and tfjs-backend-wasm cannot retry it/);
  expect(await tf.setBackend('cpu')).toBe(true);
});

/**
 * Set-up shared by the tests of core's fused kernels: wasm started with
 * gradients registered, and after each test the given hints and the
 * compiled kernels back to their defaults.
 */
import { setBackendHints, type BackendHints } from '@hourglass/core';
import { afterEach, beforeAll } from 'vitest';
import { useCompiledKernels } from '../../src/kernels/compiled-module.js';
import { setupWasm } from '../../src/index.js';
import { ensureGradients } from './gradients.js';

export function withFusedKernelDefaults(...hints: Array<keyof BackendHints>): void {
  beforeAll(async () => {
    await ensureGradients();
    await setupWasm();
  });
  afterEach(() => {
    setBackendHints('wasm', Object.fromEntries(hints.map((h) => [h, undefined])));
    useCompiledKernels(true);
  });
}

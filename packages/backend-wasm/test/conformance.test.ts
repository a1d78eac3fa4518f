/**
 * Core's backend conformance suite on wasm (threaded SIMD where it starts):
 * every core layer type, the losses, and training of a dense and a
 * convolutional model agree with the cpu backend.
 */
import { registerVariant } from '@hourglass/core';
import { backendConformanceSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { convolutional } from '@hourglass/variant-convolutional';
import { setupWasm } from '../src/index.js';

registerVariant(undercomplete);
registerVariant(convolutional);

backendConformanceSuite({
  backend: 'wasm',
  setup: async () => {
    await setupWasm();
  },
  models: [
    { label: 'dense', inputShape: [16], variants: [{ name: 'undercomplete', config: { latent: 4, hidden: [12] } }] },
    { label: 'convolutional', inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4, 4] } }] },
    { label: 'strided conv, transposed decoder, dense code', inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4, 4], downsample: 'strided', upsample: 'transpose', latent: 6 } }] },
  ],
});

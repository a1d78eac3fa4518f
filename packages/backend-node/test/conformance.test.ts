/**
 * Core's backend conformance suite on native TensorFlow: every core layer,
 * the losses, and training of a dense and a convolutional model agree with
 * the cpu backend; trained models move between the backends.
 */
import { registerVariant } from '@hourglass/core';
import { backendConformanceSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { convolutional } from '@hourglass/variant-convolutional';
import { detectNative, setupNode } from '../src/index.js';

registerVariant(undercomplete);
registerVariant(convolutional);
const native = await detectNative({ gpu: false });
const required = process.env.HOURGLASS_REQUIRE_NATIVE === '1';

backendConformanceSuite({
  backend: 'tensorflow',
  setup: async () => {
    await setupNode({ gpu: false });
  },
  // Required in CI: a broken native setup must fail there, not skip.
  skip: native.available || required ? undefined : `tfjs-node not usable here (${native.reason}); run node tools/setup-tfjs-node.mjs`,
  models: [
    { label: 'dense', inputShape: [16], variants: [{ name: 'undercomplete', config: { latent: 4, hidden: [12] } }] },
    { label: 'convolutional', inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4, 4] } }] },
    { label: 'strided conv, transposed decoder, dense code', inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4, 4], downsample: 'strided', upsample: 'transpose', latent: 6 } }] },
  ],
});

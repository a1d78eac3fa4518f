/**
 * Core's backend conformance suite on every adapter of the list but the
 * reference cpu: every core layer type, the losses, and training of dense,
 * convolutional, recurrent and temporal convolutional models agree with the
 * cpu backend, and trained models move between the backends. An adapter that is not available here is
 * skipped with its probe's reason, unless HOURGLASS_REQUIRE_BACKENDS names
 * it (CI: a broken setup must fail there, not skip).
 */
import { registerVariant } from '@hourglass/core';
import { backendConformanceSuite } from '@hourglass/core/testing';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { convolutional } from '@hourglass/variant-convolutional';
import { recurrent } from '@hourglass/variant-recurrent';
import { temporalConv } from '@hourglass/variant-temporal-conv';
import { ADAPTERS } from '../src/adapters.js';
import { cpuBackend } from '../src/cpu.js';

registerVariant(undercomplete);
registerVariant(convolutional);
registerVariant(recurrent);
registerVariant(temporalConv);
const required = new Set((process.env.HOURGLASS_REQUIRE_BACKENDS ?? '').split(',').filter(Boolean));

for (const adapter of ADAPTERS.filter((a) => a !== cpuBackend)) {
  const probe = await adapter.probe();
  backendConformanceSuite({
    backend: adapter.tfjsBackend,
    setup: async () => {
      await adapter.setup();
    },
    skip: probe.available || required.has(adapter.name) ? undefined : `${adapter.name} is not available here (${probe.reason})`,
    models: [
      { label: 'dense', inputShape: [16], variants: [{ name: 'undercomplete', config: { latent: 4, hidden: [12] } }] },
      { label: 'convolutional', inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4, 4] } }] },
      { label: 'strided conv, transposed decoder, dense code', inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4, 4], downsample: 'strided', upsample: 'transpose', latent: 6 } }] },
      { label: 'recurrent: bidirectional lstm encoder, lstm decoder', inputShape: [6, 2], variants: [{ name: 'recurrent', config: { units: [4], bidirectional: true } }] },
      { label: 'recurrent: stacked gru, dense code', inputShape: [5, 1], variants: [{ name: 'recurrent', config: { cell: 'gru', units: [4, 3], latent: 2 } }] },
      { label: 'temporal conv, cropped', inputShape: [10, 2], variants: [{ name: 'temporal-conv', config: { filters: [4, 4], kernelSize: 3, dropout: 0 } }] },
    ],
  });
}

/**
 * The cpu backend adapter: tfjs' plain JavaScript backend, the reference
 * the others are tested against and the last fallback of `auto`.
 */
import { HourglassError } from '@hourglass/errors';
import { defineBackend, tf, type BackendProbe } from '@hourglass/core';

const PACKAGE = '@tensorflow/tfjs-backend-cpu';

async function probe(): Promise<BackendProbe> {
  const cpu = await import('@tensorflow/tfjs-backend-cpu');
  const available = tf.findBackendFactory('cpu') !== null;
  return { available, ...(available ? {} : { reason: `${PACKAGE} registered no 'cpu' backend` }), details: { package: PACKAGE, version: cpu.version_cpu } };
}

/**
 * The cpu backend (`--backend cpu`): slow, for tests and tiny models.
 *
 * @example
 * import { cpuBackend } from '@hourglass/backends';
 * await cpuBackend.setup();
 */
export const cpuBackend = defineBackend<'cpu'>({
  name: 'cpu',
  tfjsBackend: 'cpu',
  description: 'plain JavaScript (slow; for tests and tiny models)',
  hints: {},
  probe,
  setup: async () => {
    const cpu = await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend('cpu'))) throw new HourglassError('the cpu backend failed to initialise', { code: 'BACKEND' });
    await tf.ready();
    // The cpu backend prints an advert for tfjs-node on its first write in
    // Node; here cpu is a deliberate choice (or the last fallback, which the
    // report already names), so the advert is noise.
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
    return { package: PACKAGE, version: cpu.version_cpu };
  },
});

/**
 * Cross-backend parity: the same seed, data and model trained on cpu, wasm
 * and native TensorFlow give the same losses within a stated tolerance, for
 * a dense and a convolutional model; a model trained on native loads and
 * runs on wasm, and the other way round.
 */
import { describe, expect, it } from 'vitest';
import { Autoencoder, loadModel, memoryStore, saveModel, tf, train, type VariantChoice } from '@hourglass/core';
import { suiteData } from '@hourglass/core/testing';
import '@hourglass/variant-undercomplete/register';
import '@hourglass/variant-convolutional/register';
import { detectNode } from '@hourglass/backend-node';
import { selectBackend } from '@hourglass/backends';

/** Relative tolerance on per-epoch losses across backends (float32 rounding, different kernels). */
const LOSS_TOLERANCE = 1e-3;
const native = await detectNode({ gpu: false });
const backends = ['cpu', 'wasm', ...(native.available || (process.env.HOURGLASS_REQUIRE_BACKENDS ?? '').split(',').includes('node') ? ['node' as const] : [])] as const;
if (!native.available) console.warn(`[parity] native backend skipped: ${native.reason}`);

const MODELS: Array<{ label: string; inputShape: number[]; variants: VariantChoice[] }> = [
  { label: 'dense', inputShape: [8, 8, 1], variants: [{ name: 'undercomplete', config: { latent: 4, hidden: [16] } }] },
  { label: 'convolutional', inputShape: [8, 8, 1], variants: [{ name: 'convolutional', config: { filters: [4, 4] } }] },
];

async function fit(backend: (typeof backends)[number], model: (typeof MODELS)[number]) {
  await selectBackend(backend);
  const m = Autoencoder.create({ inputShape: model.inputShape, variants: model.variants, seed: 3 });
  const r = await train(m, suiteData(96, model.inputShape), { epochs: 3, batchSize: 32, seed: 5, optimizer: { learningRate: 0.01 } });
  return { m, losses: r.history.map((h) => h.loss) };
}

describe.each(MODELS)('$label model', (model) => {
  it(`trains to the same losses on ${backends.join(', ')}`, async () => {
    const runs = [];
    for (const b of backends) runs.push({ b, ...(await fit(b, model)) });
    const ref = runs[0].losses;
    for (const r of runs.slice(1))
      r.losses.forEach((l, i) => expect(Math.abs(l - ref[i]) / ref[i], `${r.b} epoch ${i}: ${l} vs cpu ${ref[i]}`).toBeLessThan(LOSS_TOLERANCE));
    runs.forEach((r) => r.m.dispose());
  });

  it.runIf(backends.includes('node' as never))('moves between native and wasm in both directions', async () => {
    const x = tf.tensor(suiteData(4, model.inputShape, 9).x, [4, ...model.inputShape]);
    for (const [from, to] of [['node', 'wasm'], ['wasm', 'node']] as const) {
      const { m } = await fit(from, model);
      const expected = Array.from(m.reconstruct(x).dataSync());
      const store = memoryStore();
      await saveModel(m, store);
      await selectBackend(to);
      const loaded = await loadModel(store);
      const got = Array.from(loaded.reconstruct(x).dataSync());
      got.forEach((v, i) => expect(Math.abs(v - expected[i]), `${from} -> ${to} output ${i}`).toBeLessThan(1e-5));
      m.dispose();
      loaded.dispose();
    }
    x.dispose();
  });
});

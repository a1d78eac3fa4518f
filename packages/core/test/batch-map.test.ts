import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Autoencoder, concatBytes, concatFloat32, encodeAll, mapBatches, reconstructAll, tf } from '../src/index.js';
import { expectNoLeak, registerTestVariants, uniformData, unregisterTestVariants, values } from './helpers.js';

beforeAll(registerTestVariants);
afterAll(unregisterTestVariants);

describe('concatenation', () => {
  it('joins parts end to end, empty parts included', () => {
    expect(Array.from(concatFloat32([new Float32Array([1, 2]), new Float32Array(0), new Float32Array([3])]))).toEqual([1, 2, 3]);
    expect(concatFloat32([])).toEqual(new Float32Array(0));
    expect(concatFloat32([new Float32Array([0.1])])[0]).toBe(Math.fround(0.1));
    expect(Array.from(concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])]))).toEqual([1, 2, 3]);
  });
});

describe('batch-wise outputs', () => {
  const n = 11;
  const data = { x: uniformData(n, 6, 5), n, sampleShape: [6] };

  it('encodes and reconstructs every sample in data order, whatever the batch size', async () => {
    const model = Autoencoder.create({ inputShape: [6], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed: 4 });
    const x = tf.tensor(data.x, [n, 6]);
    const codes = model.encode(x);
    const recon = model.reconstruct(x);
    for (const batch of [1, 4, 11, 64]) {
      const enc = await encodeAll(model, data, batch);
      expect(enc.shape).toEqual([n, 2]);
      expect(Array.from(enc.values)).toEqual(values(codes));
      const rec = await reconstructAll(model, data, batch);
      expect(rec.shape).toEqual([n, 6]);
      expect(Array.from(rec.values)).toEqual(values(recon));
    }
    tf.dispose([x, codes, recon]);
    await expectNoLeak(() => encodeAll(model, data, 3));
    model.dispose();
  });

  it('maps any per-batch function, and releases the batch when it throws', async () => {
    const rows = await mapBatches(data, 4, (b) => tf.sum(b.x, 1));
    expect(rows.shape).toEqual([n]);
    expect(rows.values[n - 1]).toBeCloseTo(data.x.subarray((n - 1) * 6).reduce((a, v) => a + v, 0), 5);
    const empty = await mapBatches({ x: new Float32Array(0), n: 0, sampleShape: [6] }, 4, (b) => b.x);
    expect(empty).toEqual({ values: new Float32Array(0), shape: [0] });
    await expectNoLeak(() =>
      expect(
        mapBatches(data, 4, () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom'),
    );
  });
});

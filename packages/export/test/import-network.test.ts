/**
 * importNetwork: every architecture's exported autoencoder comes back as a
 * `layers` model that reconstructs as the original did (within 1e-5),
 * with the code where the network is narrowest or where `split` says, and
 * the loss its last activation implies.
 */
import { tf } from '@hourglass/core';

import { describe, expect, it } from 'vitest';
import { importNetwork, portableNetwork } from '../src/index.js';
import { ARCHITECTURES, buildArchitecture, sampleInput } from './architectures.js';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('importNetwork', () => {
  for (const arch of ARCHITECTURES.filter((a) => a.parts.includes('autoencoder')))
    it(`${arch.name}: reconstructs as the exported network`, () => {
      const original = buildArchitecture(arch);
      const imported = importNetwork(portableNetwork(original));
      expect(imported.variantNames).toEqual(['layers']);
      expect(imported.loss).toBe(original.loss);
      const x = sampleInput(original, 4);
      const before = tf.memory().numTensors;
      const [want, got] = [original.reconstruct(x), imported.reconstruct(x)];
      expect(maxDiff(want, got)).toBeLessThan(1e-5);
      tf.dispose([want, got]);
      expect(tf.memory().numTensors).toBe(before);
      expect(imported.codeShape.reduce((a, b) => a * b, 1)).toBeLessThanOrEqual(original.codeShape.reduce((a, b) => a * b, 1));
      x.dispose();
    });

  it('splits where told, and names the layers when the name is unknown', () => {
    const net = portableNetwork(buildArchitecture(ARCHITECTURES[0]));
    const model = importNetwork(net, { split: 'encoder_dense_0' });
    expect(model.codeShape).toEqual([8]);
    expect(() => importNetwork(net, { split: 'nope' })).toThrow(/no layer is named "nope"; the layers are: encoder_dense_0, encoder_dense_1/);
  });

  it('refuses a weight of the wrong shape by layer and weight name', () => {
    const net = portableNetwork(buildArchitecture(ARCHITECTURES[0]));
    const first = net.trunk[0] as Extract<(typeof net.trunk)[number], { kind: 'dense' }>;
    first.bias = { shape: [7], values: new Float32Array(7) };
    expect(() => importNetwork(net)).toThrow(/layer "encoder\/dense_0" weight "bias": expected shape \[8\], got \[7\]/);
  });
});

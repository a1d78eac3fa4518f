import { Autoencoder, registerVariant } from '@hourglass/core';
import { variantContractSuite } from '@hourglass/core/testing';
import { describe, expect, it } from 'vitest';
import { layers } from '../src/index.js';

const encoder = [{ type: 'dense', units: 6, activation: 'relu' }, { type: 'dense', units: 3, activation: 'tanh' }];
const decoder = [{ type: 'dense', units: 6, activation: 'relu' }, { type: 'dense', units: 16 }];

variantContractSuite({
  variant: layers,
  config: { encoder, decoder, loss: 'bce' },
  badConfigs: [
    { config: { encoder: [] }, message: /"encoder" is empty/ },
    { config: { decoder: [] }, message: /"decoder" is empty/ },
    { config: { encoder: [{ units: 3 }], decoder }, message: /encoder\[0\]\.type: required/ },
    { config: { encoder: ['dense'], decoder }, message: /encoder\[0\]: expected an object/ },
  ],
});

describe('layers', () => {
  registerVariant(layers);
  it('builds exactly the layers it is given, in order', () => {
    const model = Autoencoder.create({ inputShape: [4, 4, 1], variants: [{ name: 'layers', config: { encoder: [{ type: 'flatten' }, ...encoder], decoder: [...decoder, { type: 'reshape', shape: [4, 4, 1] }] } }], seed: 1 });
    expect(model.encoder.layers.map((l) => l.type)).toEqual(['flatten', 'dense', 'dense']);
    expect(model.codeShape).toEqual([3]);
    expect(model.decoder!.layers.map((l) => l.spec)).toEqual([
      expect.objectContaining({ type: 'dense', units: 6, activation: 'relu' }),
      expect.objectContaining({ type: 'dense', units: 16, activation: 'linear' }),
      { type: 'reshape', shape: [4, 4, 1] },
    ]);
    expect(model.loss).toBe('mse');
    model.weights.forEach((w) => w.variable.dispose());
  });

  it('names the layer whose options are wrong', () => {
    expect(() => Autoencoder.create({ inputShape: [16], variants: [{ name: 'layers', config: { encoder: [{ type: 'dense', units: -1 }], decoder } }] })).toThrow(/units/);
    expect(() => Autoencoder.create({ inputShape: [16], variants: [{ name: 'layers', config: { encoder: [{ type: 'warp' }], decoder } }] })).toThrow(/warp/);
  });
});

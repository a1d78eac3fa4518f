import { describe, expect, it } from 'vitest';
import { Autoencoder, ShapeError, registerVariant } from '@hourglass/core';
import { variantContractSuite } from '@hourglass/core/testing';
import { convolutional } from '../src/index.js';

registerVariant(convolutional);

variantContractSuite({
  variant: convolutional,
  config: { filters: [4, 4] },
  inputShape: [8, 8, 1],
  badConfigs: [
    { config: { filters: [] }, message: /filters: expected an array of an integer >= 1 \(length 1\.\.any\)/ },
    { config: { downsample: 'avg' }, message: /downsample: expected one of "maxpool", "strided"/ },
  ],
});
variantContractSuite({ variant: convolutional, config: { filters: [4, 4], downsample: 'strided', upsample: 'transpose', latent: 6, loss: 'mse' }, inputShape: [6, 6, 2] });

const summary = (m: Autoencoder) => [...m.encoder.layers, ...m.decoder!.layers].map((l) => `${l.type}:${l.outputShape.join('x')}`);

describe('convolutional', () => {
  it('defaults to the classic Keras convolutional autoencoder (4x4x8 code)', () => {
    const m = Autoencoder.create({ inputShape: [28, 28, 1], variants: [{ name: 'convolutional' }] });
    expect(m.codeShape).toEqual([4, 4, 8]);
    expect(summary(m)).toEqual([
      'conv2d:28x28x16', 'maxPool2d:14x14x16', 'conv2d:14x14x8', 'maxPool2d:7x7x8', 'conv2d:7x7x8', 'maxPool2d:4x4x8',
      'conv2d:4x4x8', 'upSampling2d:8x8x8', 'conv2d:8x8x8', 'upSampling2d:16x16x8', 'conv2d:14x14x16', 'upSampling2d:28x28x16', 'conv2d:28x28x1',
    ]);
    // Same parameter count as the PyTorch reference model C.
    expect(m.parameterCount).toBe(160 + 1160 + 584 + 584 + 584 + 1168 + 145);
    m.dispose();
  });
  it('mirrors strided encoders with transposed convolutions and crops any overshoot', () => {
    const m = Autoencoder.create({ inputShape: [28, 28, 1], variants: [{ name: 'convolutional', config: { filters: [32, 32], downsample: 'strided', upsample: 'transpose' } }] });
    expect(summary(m)).toEqual(['conv2d:14x14x32', 'conv2d:7x7x32', 'conv2dTranspose:14x14x32', 'conv2dTranspose:28x28x32', 'conv2d:28x28x1']);
    m.dispose();
    const odd = Autoencoder.create({ inputShape: [10, 10, 3], variants: [{ name: 'convolutional', config: { filters: [4, 4, 4], downsample: 'strided', upsample: 'transpose' } }] });
    expect(summary(odd).slice(-2)).toEqual(['crop2d:10x10x4', 'conv2d:10x10x3']);
    odd.dispose();
  });
  it('makes a flat code with latent', () => {
    const m = Autoencoder.create({ inputShape: [28, 28, 1], variants: [{ name: 'convolutional', config: { latent: 10 } }] });
    expect(m.codeShape).toEqual([10]);
    m.dispose();
  });
  it('rejects non-image inputs by shape', () => {
    expect(() => Autoencoder.create({ inputShape: [784], variants: [{ name: 'convolutional' }] })).toThrow(ShapeError);
    expect(() => Autoencoder.create({ inputShape: [784], variants: [{ name: 'convolutional' }] })).toThrow('convolutional: expects images [height, width, channels], got [784]');
  });
});

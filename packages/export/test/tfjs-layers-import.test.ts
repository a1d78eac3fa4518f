/**
 * tfjs-layers import: every architecture exported as a LayersModel reads
 * back as the same network (same outputs within 1e-5 after importNetwork),
 * including the 1-D layers written as 2-D ones between reshapes; models
 * built with stock tfjs-layers (a Sequential of an encoder and a decoder
 * model) import too; broken files are refused by what is wrong.
 */
import * as tfjs from '@tensorflow/tfjs';
import { tf } from '@hourglass/core';

import { describe, expect, it } from 'vitest';
import { importNetwork, portableNetwork, readTfjsLayers, tfjsLayersArtifacts } from '../src/index.js';
import { ARCHITECTURES, buildArchitecture, sampleInput } from './architectures.js';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const UNSUPPORTED = new Set(['GRU (dense code)', 'Mult-VAE (l2Normalize, softmax)']);

describe('tfjs-layers import', () => {
  for (const arch of ARCHITECTURES.filter((a) => a.parts.includes('autoencoder') && !UNSUPPORTED.has(a.name)))
    it(`${arch.name}: export, read, import, same reconstructions`, () => {
      const original = buildArchitecture(arch);
      const imported = importNetwork(readTfjsLayers(tfjsLayersArtifacts(portableNetwork(original))));
      const x = sampleInput(original, 3);
      const [want, got] = [original.reconstruct(x), imported.reconstruct(x)];
      expect(maxDiff(want, got)).toBeLessThan(1e-5);
      tf.dispose([want, got, x]);
    });

  it('imports a stock tfjs-layers autoencoder built from an encoder and a decoder model', async () => {
    const encoder = tfjs.sequential({ name: 'enc', layers: [tfjs.layers.dense({ inputShape: [10], units: 6, activation: 'relu' }), tfjs.layers.dense({ units: 2, activation: 'tanh' })] });
    const decoder = tfjs.sequential({ name: 'dec', layers: [tfjs.layers.dense({ inputShape: [2], units: 6, activation: 'relu' }), tfjs.layers.dropout({ rate: 0.2 }), tfjs.layers.dense({ units: 10, activation: 'sigmoid' })] });
    const input = tfjs.input({ shape: [10] });
    const auto = tfjs.model({ inputs: input, outputs: decoder.apply(encoder.apply(input)) as tfjs.SymbolicTensor });
    let saved: tfjs.io.ModelArtifacts | undefined;
    await auto.save(tfjs.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const model = importNetwork(readTfjsLayers(saved as never));
    expect(model.loss).toBe('bce');
    expect(model.codeShape).toEqual([2]);
    const x = tf.randomUniform([4, 10], 0, 1, 'float32', 5);
    const [want, got] = [auto.predict(x) as tf.Tensor, model.reconstruct(x)];
    expect(maxDiff(want, got)).toBeLessThan(1e-5);
    tf.dispose([want, got, x]);
  });

  it('refuses what it cannot read, by name', () => {
    const art = tfjsLayersArtifacts(portableNetwork(buildArchitecture(ARCHITECTURES[0])));
    expect(() => readTfjsLayers({ ...art, weightData: art.weightData.slice(4) })).toThrow(/runs past the end of the weight data/);
    expect(() => readTfjsLayers({ ...art, weightSpecs: art.weightSpecs.map((w) => ({ ...w, dtype: 'int8' })) })).toThrow(/quantized weights cannot be imported/);
    const topology = structuredClone(art.modelTopology) as { config: { layers: Array<{ class_name: string }> } };
    topology.config.layers[1].class_name = 'Conv3D';
    expect(() => readTfjsLayers({ ...art, modelTopology: topology })).toThrow(/layer "encoder_dense_0" \(Conv3D\): the class is not supported; supported classes: Dense, Conv1D/);
    expect(() => readTfjsLayers({ ...art, weightSpecs: [...art.weightSpecs, { name: 'extra', shape: [0], dtype: 'float32' }] })).toThrow(/no layer takes the weights extra/);
  });
});

/**
 * Reading `.keras` files treated as untrusted, and what the Keras writer
 * refuses; no Python needed. Every built-in architecture written and read
 * back gives the same layers and weights; files made with `kerasFile` and
 * then altered the way a damaged or hostile file would be are refused.
 */
import { LEAKY_RELU_ALPHA } from '@hourglass/core';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { kerasFile, portableNetwork, readKerasFile, type PortableLayer, type PortableNetwork } from '../src/index.js';
import { unzipKeras } from '../src/keras/archive.js';
import { ARCHITECTURES, buildArchitecture } from './architectures.js';

const weight = (shape: number[], seed: number) => ({ shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed + i)) });

const NET: PortableNetwork = {
  part: 'autoencoder',
  inputShape: [4],
  trunk: [
    { name: 'enc', kind: 'dense', units: 2, activation: 'leakyRelu', kernel: weight([4, 2], 1), bias: weight([2], 2), inputShape: [4], outputShape: [2] },
    { name: 'dec', kind: 'dense', units: 4, activation: 'sigmoid', kernel: weight([2, 4], 3), bias: weight([4], 4), inputShape: [2], outputShape: [4] },
  ],
  outputs: [{ name: 'reconstruction', layers: [], shape: [4] }],
};

/** The file with its config.json changed by `edit`. */
async function withConfig(edit: (config: { config: { layers: Array<Record<string, any>> } }) => void): Promise<Uint8Array> {
  const entries = unzipSync(await kerasFile(NET));
  const config = JSON.parse(strFromU8(entries['config.json']));
  edit(config);
  return zipSync({ ...entries, 'config.json': strToU8(JSON.stringify(config)) });
}

/** What reading back gives for a written layer: a leaky ReLU after a weighted layer comes back as its own activation layer. */
function asReadBack(layer: PortableLayer): PortableLayer[] {
  if (!('kernel' in layer) || layer.activation !== 'leakyRelu') return [layer];
  const shape = layer.outputShape;
  return [{ ...layer, activation: 'linear' }, { name: `${layer.name}_leaky`, kind: 'activation', activation: 'leakyRelu', inputShape: shape, outputShape: shape }];
}

/** Layers with their weights as plain arrays, for deep equality. */
const plain = (layers: PortableLayer[]) => JSON.parse(JSON.stringify(layers, (_, v) => (v instanceof Float32Array ? Array.from(v) : v)));

describe('readKerasFile of every architecture written by kerasFile', () => {
  for (const arch of ARCHITECTURES)
    for (const part of arch.parts)
      it(`${arch.name}: ${part}`, async () => {
        const model = buildArchitecture(arch);
        const net = portableNetwork(model, { part });
        model.dispose();
        const back = await readKerasFile(await kerasFile(net));
        expect(back.inputShape).toEqual(net.inputShape);
        const want = [...net.trunk, ...net.outputs[0].layers].flatMap(asReadBack);
        expect(plain(back.trunk)).toEqual(plain(want));
        expect(back.outputs[0].shape).toEqual(net.outputs[0].shape);
      });
});

describe('readKerasFile', () => {
  it('reads a written network back with its layers, shapes and weights', async () => {
    const net = await readKerasFile(await kerasFile(NET));
    expect(net.inputShape).toEqual([4]);
    expect(net.trunk.map((l) => [l.kind, 'activation' in l ? l.activation : '', l.outputShape])).toEqual([
      ['dense', 'linear', [2]],
      ['activation', 'leakyRelu', [2]],
      ['dense', 'sigmoid', [4]],
    ]);
    const [enc, , dec] = net.trunk as Array<Extract<PortableNetwork['trunk'][number], { kind: 'dense' }>>;
    expect(Array.from(enc.kernel.values)).toEqual(Array.from(NET.trunk[0].kind === 'dense' ? NET.trunk[0].kernel.values : []));
    expect(dec.bias!.shape).toEqual([4]);
    expect(Array.from(dec.bias!.values)).toEqual(Array.from(weight([4], 4).values));
    expect(net.outputs).toEqual([{ name: 'output', layers: [], shape: [4] }]);
  });

  it('writes the leaky ReLU slope of Hourglass', async () => {
    const config = JSON.parse(strFromU8(unzipSync(await kerasFile(NET))['config.json']));
    expect(config.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual(['InputLayer', 'Dense', 'LeakyReLU', 'Dense']);
    expect(config.config.layers[2].config.negative_slope).toBe(LEAKY_RELU_ALPHA);
  });

  it('refuses an unknown layer class by name, listing the supported ones', async () => {
    const bytes = await withConfig((c) => (c.config.layers[3].class_name = 'BatchNormalization'));
    await expect(readKerasFile(bytes)).rejects.toThrow(/layer "dec" \(BatchNormalization\): the class is not supported; supported classes: Dense, Conv1D/);
  });

  it('refuses an activation with no Hourglass form', async () => {
    await expect(readKerasFile(await withConfig((c) => (c.config.layers[3].config.activation = 'gelu')))).rejects.toThrow(/"dec".*activation "gelu" is not supported/);
  });

  it('refuses a LeakyReLU of another slope', async () => {
    await expect(readKerasFile(await withConfig((c) => (c.config.layers[2].config.negative_slope = 0.3)))).rejects.toThrow(/alpha 0.3: Hourglass' leaky ReLU has slope 0.2/);
  });

  it('refuses weights whose shape does not fit the config', async () => {
    await expect(readKerasFile(await withConfig((c) => (c.config.layers[1].config.units = 3)))).rejects.toThrow(/layer "enc" \(dense\) kernel: expected shape \[4, 3\].*holds \[4, 2\]/);
  });

  it('refuses a model that is not a chain', async () => {
    const bytes = await withConfig((c) => {
      c.config.layers[3].inbound_nodes[0].args[0].config.keras_history = ['input', 0, 0];
    });
    await expect(readKerasFile(bytes)).rejects.toThrow(/layers enc, enc_leaky are not on the chain/);
  });

  it('refuses entries with paths outside the archive and sizes above the limits before inflating', async () => {
    const entries = unzipSync(await kerasFile(NET));
    expect(() => unzipKeras(zipSync({ ...entries, '../evil.sh': strToU8('x') }))).toThrow(/entry "..\/evil.sh" has a path outside the archive/);
    const big = zipSync({ ...entries, 'model.weights.h5': new Uint8Array(5000) });
    expect(() => unzipKeras(big, { total: 4000, json: 4000 })).toThrow(/entry "model.weights.h5" declares 5000 bytes, above the limit of 4000/);
    expect(() => unzipKeras(zipSync({ 'config.json': strToU8('{}') }))).toThrow(/it has no model.weights.h5/);
    await expect(readKerasFile(strToU8('not a zip'))).rejects.toThrow(/not a readable .keras file/);
  });
});

describe('kerasFile', () => {
  it('refuses a convolution both strided and dilated by name', async () => {
    const net: PortableNetwork = {
      part: 'encoder',
      inputShape: [8, 1],
      trunk: [{ name: 'tcn_0', kind: 'conv', rank: 1, filters: 2, kernelSize: 3, strides: 2, padding: 'same', dilation: 2, activation: 'relu', kernel: weight([3, 1, 2], 0), inputShape: [8, 1], outputShape: [4, 2] }],
      outputs: [{ name: 'code', layers: [], shape: [4, 2] }],
    };
    await expect(kerasFile(net)).rejects.toThrow(/layer "tcn_0" \(conv\) cannot be exported to Keras: Keras convolutions cannot be both strided and dilated/);
  });
});

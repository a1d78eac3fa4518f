/**
 * ONNX export: onnxruntime loads the model of every architecture and part
 * and gives Hourglass' outputs within 1e-5, for a batch of 1 and of 5 (the
 * batch axis is symbolic); a VAE encoder also outputs its log-variance.
 */
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { buildStack, createRng, tf, type Autoencoder, type LayerSpec } from '@hourglass/core';
import { describe, expect, it } from 'vitest';
import { ONNX_OPSET, onnxModel, portableNetwork, toPortableLayer, type ExportPart, type PortableLayer } from '../src/index.js';
import { ARCHITECTURES, buildArchitecture, expectedOutput, partInput } from './architectures.js';

/** Runs the exported `part` of `model` on a batch of `n`; returns its outputs by name. */
async function runOnnx(model: Autoencoder, part: ExportPart, x: tf.Tensor, logVar = false): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(onnxModel(portableNetwork(model, { part, logVar })));
  const outputs = await session.run({ input: new ort.Tensor('float32', x.dataSync() as Float32Array, x.shape) });
  await session.release();
  return outputs;
}

/** Stacks with the layer options no built-in architecture above reaches: dilation, 'valid' padding, odd sizes, kernels smaller than their stride, unusual recurrent activations. */
const STACKS: Array<{ name: string; inputShape: number[]; specs: LayerSpec[] }> = [
  {
    name: 'conv2d dilated and valid, strided with uneven pads; max pooling over odd sizes',
    inputShape: [11, 10, 2],
    specs: [
      { type: 'conv2d', filters: 3, kernelSize: 3, dilation: 2, padding: 'valid', activation: 'elu' },
      { type: 'conv2d', filters: 4, kernelSize: 4, strides: 3, padding: 'same', activation: 'leakyRelu' },
      { type: 'maxPool2d', poolSize: 3, strides: 2, padding: 'same' },
      { type: 'conv2d', filters: 2, kernelSize: 2, dilation: 3, padding: 'same' },
    ],
  },
  {
    name: 'conv2dTranspose: kernel below its stride (same), valid, odd kernels',
    inputShape: [3, 5, 2],
    specs: [
      { type: 'conv2dTranspose', filters: 3, kernelSize: 1, strides: 2, padding: 'same', activation: 'tanh' },
      { type: 'conv2dTranspose', filters: 2, kernelSize: 4, strides: 2, padding: 'valid' },
      { type: 'conv2dTranspose', filters: 2, kernelSize: 5, strides: 3, padding: 'same', activation: 'softplus' },
      { type: 'upSampling2d', size: 3 },
    ],
  },
  {
    name: 'conv1d dilated and strided, conv1dTranspose valid and same with uneven pads',
    inputShape: [13, 3],
    specs: [
      { type: 'conv1d', filters: 4, kernelSize: 3, dilation: 3, padding: 'same', activation: 'relu' },
      { type: 'conv1d', filters: 3, kernelSize: 4, strides: 2, padding: 'same' },
      { type: 'conv1dTranspose', filters: 2, kernelSize: 3, strides: 2, padding: 'valid' },
      { type: 'conv1dTranspose', filters: 2, kernelSize: 4, strides: 3, padding: 'same', activation: 'sigmoid' },
    ],
  },
  {
    name: 'recurrent layers with every activation ONNX needs an alpha for, bidirectional sequences',
    inputShape: [4, 3],
    specs: [
      { type: 'gru', units: 3, bidirectional: true, returnSequences: true, activation: 'leakyRelu', recurrentActivation: 'sigmoid' },
      { type: 'lstm', units: 2, bidirectional: true, returnSequences: true, activation: 'linear', recurrentActivation: 'elu' },
      { type: 'gru', units: 2, activation: 'softplus', recurrentActivation: 'tanh' },
      { type: 'repeatVector', n: 3 },
      { type: 'timeDense', units: 2, activation: 'relu' },
    ],
  },
];

/** The largest absolute difference between `want` and `got`, after checking their shapes agree. */
function maxDiff(want: tf.Tensor, got: ort.Tensor): number {
  expect([...got.dims]).toEqual(want.shape);
  const w = want.dataSync() as Float32Array;
  const g = got.data as Float32Array;
  return w.reduce((m, v, i) => Math.max(m, Math.abs(v - g[i])), 0);
}

describe('ONNX export', () => {
  for (const arch of ARCHITECTURES)
    for (const part of arch.parts)
      it(`${arch.name}: ${part}`, async () => {
        const model = buildArchitecture(arch);
        const name = portableNetwork(model, { part }).outputs[0].name;
        for (const n of [1, 5]) {
          const before = tf.memory().numTensors;
          const x = partInput(model, part, n);
          const want = expectedOutput(model, part, x);
          const diff = maxDiff(want, (await runOnnx(model, part, x))[name]);
          expect(diff).toBeLessThan(1e-5);
          tf.dispose([want, x]);
          expect(tf.memory().numTensors).toBe(before);
        }
      });

  it('declares one input and the network outputs by name, batch symbolic, IR 8 on opset 13', async () => {
    const model = buildArchitecture(ARCHITECTURES.find((a) => a.name === 'VAE')!);
    const bytes = onnxModel(portableNetwork(model, { part: 'encoder', logVar: true }));
    const decoded = onnxProto.onnx.ModelProto.decode(bytes);
    expect(Number(decoded.irVersion)).toBe(8);
    expect(decoded.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    const dims = (v: onnxProto.onnx.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(decoded.graph!.input!.map((v) => [v.name, dims(v)])).toEqual([['input', ['batch', 10]]]);
    expect(decoded.graph!.output!.map((v) => [v.name, dims(v)])).toEqual([
      ['code', ['batch', 2]],
      ['logVar', ['batch', 2]],
    ]);
    const session = await ort.InferenceSession.create(bytes);
    expect([session.inputNames, session.outputNames]).toEqual([['input'], ['code', 'logVar']]);
    await session.release();
  });

  it('a VAE encoder with logVar: true outputs the posterior mean and log-variance', async () => {
    const model = buildArchitecture(ARCHITECTURES.find((a) => a.name === 'VAE')!);
    const x = partInput(model, 'encoder', 5);
    const out = await runOnnx(model, 'encoder', x, true);
    expect(Object.keys(out).sort()).toEqual(['code', 'logVar']);
    const q = model.posterior(x)!;
    expect(maxDiff(q.mean, out.code)).toBeLessThan(1e-5);
    expect(maxDiff(q.logVar, out.logVar)).toBeLessThan(1e-5);
    tf.dispose([q.mean, q.logVar, x]);
  });

  for (const stack of STACKS)
    it(stack.name, async () => {
      const built = buildStack('s', stack.specs, stack.inputShape, createRng(3));
      built.weights.forEach((w, i) => tf.tidy(() => w.variable.assign(tf.add(w.variable, tf.randomUniform(w.variable.shape, -0.3, 0.3, 'float32', 50 + i)))));
      const trunk = built.layers.map(toPortableLayer).filter((l): l is PortableLayer => l !== undefined);
      const bytes = onnxModel({ part: 'encoder', inputShape: stack.inputShape, trunk, outputs: [{ name: 'code', layers: [], shape: built.outputShape }] });
      const session = await ort.InferenceSession.create(bytes);
      const x = tf.randomUniform([3, ...stack.inputShape], -1, 1, 'float32', 9);
      const want = built.apply(x, { training: false });
      const { code } = await session.run({ input: new ort.Tensor('float32', x.dataSync() as Float32Array, x.shape) });
      const diff = maxDiff(want, code);
      expect(diff).toBeLessThan(1e-5);
      await session.release();
      tf.dispose([x, want, ...built.weights.map((w) => w.variable)]);
    });

  it('refuses a layer kind it does not know, by name', () => {
    const odd = { name: 'encoder_odd_0', kind: 'odd', inputShape: [2], outputShape: [2] } as unknown as PortableLayer;
    expect(() => onnxModel({ part: 'encoder', inputShape: [2], trunk: [odd], outputs: [{ name: 'code', layers: [], shape: [2] }] })).toThrow(
      /layer "encoder_odd_0" has kind "odd", which has no ONNX form/,
    );
  });
});

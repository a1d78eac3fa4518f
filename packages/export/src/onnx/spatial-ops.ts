/**
 * The spatial layers (convolutions, transposed convolutions, max pooling)
 * as ONNX operators, which take channels first: the channels-last value is
 * transposed in before and back out after (onnxruntime cancels the pairs
 * between consecutive spatial layers). Kernels move from Keras' layouts
 * (`[k, (k,) in, out]`; transposed `[k, (k,) out, in]`) to ONNX's
 * (`[out, in, k(, k)]`; transposed `[in, out, k(, k)]`): both the same
 * permutation, spatial axes to the back in reverse order of the last two.
 */
import type { PortableLayer } from '../portable.js';
import { activate } from './activations.js';
import type { OnnxGraph } from './graph.js';
import { tfPads, transposedPads } from './padding.js';
import { permuted } from './weights.js';

type Layer<K extends PortableLayer['kind']> = Extract<PortableLayer, { kind: K }>;

/** Channels-last to channels-first for `rank` spatial axes ([0, 2, 1] or [0, 3, 1, 2]), and back. */
const toFirst = (rank: number) => [0, rank + 1, ...Array.from({ length: rank }, (_, i) => i + 1)];
const toLast = (rank: number) => [0, ...Array.from({ length: rank }, (_, i) => i + 2), 1];

/** `body` run on `input` transposed to channels first, its result transposed back. */
function channelsFirst(g: OnnxGraph, input: string, rank: number, stem: string, body: (x: string) => string): string {
  return g.transpose(body(g.transpose(input, toFirst(rank), `${stem}_nchw`)), toLast(rank), `${stem}_nhwc`);
}

/** A Keras kernel in ONNX's layout, as an initializer. */
function kernelOf(g: OnnxGraph, layer: Layer<'conv'> | Layer<'convTranspose'>): string {
  const r = layer.rank;
  const perm = [r + 1, r, ...Array.from({ length: r }, (_, i) => i)];
  const w = permuted(layer.kernel, perm);
  return g.floats(`${layer.name}_kernel`, w.values, w.shape);
}

const convInputs = (g: OnnxGraph, layer: Layer<'conv'> | Layer<'convTranspose'>, x: string) => [
  x,
  kernelOf(g, layer),
  ...(layer.bias ? [g.floats(`${layer.name}_bias`, layer.bias.values, layer.bias.shape)] : []),
];

/** ONNX pads: all begins, then all ends. */
const onnxPads = (pairs: Array<[number, number]>) => [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])];

/**
 * A convolution with TensorFlow's padding, strides and dilation, and its activation.
 *
 * @example
 * const y = convOp(g, net.trunk[0] as Extract<PortableLayer, { kind: 'conv' }>, 'input');
 */
export function convOp(g: OnnxGraph, layer: Layer<'conv'>, input: string): string {
  const { rank, kernelSize: k, strides, dilation, padding } = layer;
  const window = (k - 1) * dilation + 1;
  const pads = layer.inputShape.slice(0, rank).map((size) => tfPads(size, window, strides, padding));
  const conv = channelsFirst(g, input, rank, layer.name, (x) =>
    g.op(
      'Conv',
      convInputs(g, layer, x),
      { kernel_shape: { ints: Array(rank).fill(k) }, strides: { ints: Array(rank).fill(strides) }, dilations: { ints: Array(rank).fill(dilation) }, pads: { ints: onnxPads(pads) } },
      layer.name,
    ),
  );
  return activate(g, layer.activation, conv, layer.name);
}

/**
 * A transposed convolution giving tfjs' output size ('same': input * strides; 'valid': (input - 1) * strides + k), and its activation.
 *
 * @example
 * const y = convTransposeOp(g, layer, x);
 */
export function convTransposeOp(g: OnnxGraph, layer: Layer<'convTranspose'>, input: string): string {
  const { rank, kernelSize: k, strides, padding } = layer;
  const each = layer.inputShape.slice(0, rank).map((size) => transposedPads(size, k, strides, padding));
  const conv = channelsFirst(g, input, rank, layer.name, (x) =>
    g.op(
      'ConvTranspose',
      convInputs(g, layer, x),
      {
        kernel_shape: { ints: Array(rank).fill(k) },
        strides: { ints: Array(rank).fill(strides) },
        pads: { ints: onnxPads(each.map((e) => e.pads)) },
        output_padding: { ints: each.map((e) => e.outputPadding) },
      },
      layer.name,
    ),
  );
  return activate(g, layer.activation, conv, layer.name);
}

/**
 * 2-D max pooling with TensorFlow's padding (padded entries never win: ONNX's MaxPool ignores them).
 *
 * @example
 * const y = maxPoolOp(g, layer, x);
 */
export function maxPoolOp(g: OnnxGraph, layer: Layer<'maxPool'>, input: string): string {
  const { poolSize, strides, padding } = layer;
  const pads = layer.inputShape.slice(0, 2).map((size) => tfPads(size, poolSize, strides, padding));
  return channelsFirst(g, input, 2, layer.name, (x) =>
    g.op('MaxPool', [x], { kernel_shape: { ints: [poolSize, poolSize] }, strides: { ints: [strides, strides] }, pads: { ints: onnxPads(pads) } }, layer.name),
  );
}

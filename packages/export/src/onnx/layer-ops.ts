/**
 * One portable layer as ONNX nodes, on channels-last values with the batch
 * first, as Hourglass holds them. Dense layers (per sample or per time step)
 * are a MatMul, which broadcasts over leading axes, plus the bias; L2
 * normalisation divides each sample by the L2 norm of all its entries,
 * floored at 1e-12 as Hourglass does. The spatial, shape and recurrent
 * layers are in their own files.
 */
import { ConfigError } from '@hourglass/core';
import type { PortableLayer } from '../portable.js';
import { activate } from './activations.js';
import type { OnnxGraph } from './graph.js';
import { recurrentOp } from './recurrent-ops.js';
import { cropOp, repeatOp, upsampleOp } from './shape-ops.js';
import { convOp, convTransposeOp, maxPoolOp } from './spatial-ops.js';

function denseOp(g: OnnxGraph, layer: Extract<PortableLayer, { kind: 'dense' | 'timeDense' }>, input: string): string {
  const product = g.op('MatMul', [input, g.floats(`${layer.name}_kernel`, layer.kernel.values, layer.kernel.shape)], {}, `${layer.name}_matmul`);
  const biased = layer.bias ? g.op('Add', [product, g.floats(`${layer.name}_bias`, layer.bias.values, layer.bias.shape)], {}, layer.name) : product;
  return activate(g, layer.activation, biased, layer.name);
}

function l2NormalizeOp(g: OnnxGraph, layer: Extract<PortableLayer, { kind: 'l2Normalize' }>, input: string): string {
  const size = layer.inputShape.reduce((a, b) => a * b, 1);
  const flat = layer.inputShape.length === 1 ? input : g.reshape(input, [size], `${layer.name}_flat`);
  const norm = g.op('ReduceL2', [flat], { axes: { ints: [1] }, keepdims: { int: 1 } }, `${layer.name}_norm`);
  const floored = g.op('Max', [norm, g.floats(`${layer.name}_floor`, Float32Array.of(1e-12), [])], {}, `${layer.name}_floored`);
  const divided = g.op('Div', [flat, floored], {}, layer.name);
  return layer.inputShape.length === 1 ? divided : g.reshape(divided, layer.outputShape, `${layer.name}_shaped`);
}

/**
 * Appends `layer` applied to the value `input`; returns the value it gives.
 *
 * @example
 * const out = net.trunk.reduce((x, layer) => layerOp(g, layer, x), 'input');
 */
export function layerOp(g: OnnxGraph, layer: PortableLayer, input: string): string {
  switch (layer.kind) {
    case 'dense':
    case 'timeDense':
      return denseOp(g, layer, input);
    case 'conv':
      return convOp(g, layer, input);
    case 'convTranspose':
      return convTransposeOp(g, layer, input);
    case 'maxPool':
      return maxPoolOp(g, layer, input);
    case 'upsample':
      return upsampleOp(g, layer, input);
    case 'crop':
      return cropOp(g, layer, input);
    case 'flatten':
    case 'reshape':
      return g.reshape(input, layer.outputShape, layer.name);
    case 'activation':
      return activate(g, layer.activation, input, layer.name);
    case 'repeat':
      return repeatOp(g, layer, input);
    case 'recurrent':
      return recurrentOp(g, layer, input);
    case 'l2Normalize':
      return l2NormalizeOp(g, layer, input);
    default:
      throw new ConfigError(`layer "${(layer as PortableLayer).name}" has kind "${(layer as PortableLayer).kind}", which has no ONNX form here`, { field: (layer as PortableLayer).name });
  }
}

/**
 * Per-sample shapes of a chain of portable layers read from a file, worked
 * out from the input shape by each kind's rule (the rules of the Hourglass
 * layers, which match Keras': 'same' divides by the stride rounding up,
 * 'valid' fits whole windows). A layer that does not fit its input is
 * refused with its name and both shapes, before any weight is looked at.
 */
import { ShapeError, convOutSize } from '@hourglass/core';
import type { PortableLayer } from '../portable.js';

/** A portable layer before its shapes are known. */
export type UnshapedLayer = PortableLayer extends infer L ? (L extends PortableLayer ? Omit<L, 'inputShape' | 'outputShape'> : never) : never;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function outputShape(layer: UnshapedLayer, input: number[]): number[] {
  const rank = (r: number) => {
    if (input.length !== r) throw new ShapeError(`expects rank ${r} per sample`);
  };
  const spatial = (r: 1 | 2) => {
    rank(r + 1);
    return input.slice(0, r);
  };
  switch (layer.kind) {
    case 'dense':
      rank(1);
      return [layer.units];
    case 'timeDense':
      rank(2);
      return [input[0], layer.units];
    case 'conv':
      return [...spatial(layer.rank).map((n) => convOutSize(n, layer.kernelSize, layer.strides, layer.padding, layer.dilation)), layer.filters];
    case 'convTranspose':
      return [...spatial(layer.rank).map((n) => (layer.padding === 'same' ? n * layer.strides : (n - 1) * layer.strides + layer.kernelSize)), layer.filters];
    case 'maxPool':
      return [...spatial(2).map((n) => convOutSize(n, layer.poolSize, layer.strides, layer.padding)), input[2]];
    case 'upsample':
      return [...spatial(2).map((n) => n * layer.size), input[2]];
    case 'crop':
      return [...spatial(layer.rank).map((n, a) => n - layer.start[a] - layer.end[a]), input[layer.rank]];
    case 'flatten':
      return [size(input)];
    case 'reshape':
      if (size(layer.shape) !== size(input)) throw new ShapeError(`cannot reshape ${size(input)} values to [${layer.shape.join(', ')}]`);
      return [...layer.shape];
    case 'activation':
    case 'l2Normalize':
      return [...input];
    case 'repeat':
      rank(1);
      return [layer.n, input[0]];
    case 'recurrent': {
      rank(2);
      const width = layer.units * layer.directions.length;
      return layer.returnSequences ? [input[0], width] : [width];
    }
  }
}

/**
 * `layers` with their per-sample shapes, starting from `inputShape`.
 *
 * @example
 * const shaped = inferShapes([{ name: 'd', kind: 'flatten' }], [4, 4, 1]); // d: [4, 4, 1] -> [16]
 */
export function inferShapes(layers: UnshapedLayer[], inputShape: number[]): PortableLayer[] {
  let shape = [...inputShape];
  return layers.map((given) => {
    // Keras applies Dense to the last axis: on a sequence it is a timeDense
    const layer = given.kind === 'dense' && shape.length === 2 ? { ...given, kind: 'timeDense' as const } : given;
    let out: number[];
    try {
      out = outputShape(layer, shape);
    } catch (e) {
      throw new ShapeError(`layer "${layer.name}" (${layer.kind}) does not fit its input [${shape.join(', ')}]: ${(e as Error).message}`);
    }
    if (out.some((d) => !Number.isInteger(d) || d < 1)) throw new ShapeError(`layer "${layer.name}" (${layer.kind}) leaves nothing of its input [${shape.join(', ')}]`);
    const shaped = { ...layer, inputShape: shape, outputShape: out } as PortableLayer;
    shape = out;
    return shaped;
  });
}

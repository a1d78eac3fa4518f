/**
 * One built Hourglass layer as a portable layer (see `portable.ts`), or
 * nothing for a layer that does nothing at inference (dropout, a linear
 * activation). Layer types outside this table (a plug-in's own) are refused
 * by name with the list of those that export.
 */
import { ConfigError, type ActivationName, type Layer } from '@hourglass/core';
import type { PortableLayer, PortableWeight, RecurrentWeights } from './portable.js';

/** The Hourglass layer types a model may hold and still export. */
export const EXPORTABLE_LAYER_TYPES = [
  'dense',
  'conv2d',
  'conv2dTranspose',
  'maxPool2d',
  'upSampling2d',
  'crop2d',
  'flatten',
  'reshape',
  'dropout',
  'activation',
  'conv1d',
  'conv1dTranspose',
  'lstm',
  'gru',
  'repeatVector',
  'timeDense',
  'crop1d',
  'l2Normalize',
] as const;

/** `encoder/dense_0` -> `encoder_dense_0`: a name every format accepts. */
export function portableName(layerName: string): string {
  return layerName.replace(/[^A-Za-z0-9_]/g, '_');
}

function weightOf(layer: Layer, weight: string): PortableWeight {
  const found = layer.weights.find((w) => w.name === `${layer.name}/${weight}`);
  if (!found) throw new ConfigError(`layer "${layer.name}" (${layer.type}) has no weight "${weight}"`);
  const values = Float32Array.from(found.variable.dataSync() as Float32Array);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ConfigError(`weight "${found.name}" holds ${values[bad]} at index ${bad}: a model with non-finite weights is not exported`, { field: found.name });
  return { shape: [...found.variable.shape], values };
}

function optionalWeight(layer: Layer, weight: string): PortableWeight | undefined {
  return layer.weights.some((w) => w.name === `${layer.name}/${weight}`) ? weightOf(layer, weight) : undefined;
}

function recurrentWeights(layer: Layer, prefix: string): RecurrentWeights {
  return { kernel: weightOf(layer, `${prefix}kernel`), recurrentKernel: weightOf(layer, `${prefix}recurrentKernel`), bias: weightOf(layer, `${prefix}bias`) };
}

/**
 * The portable form of `layer`, or undefined for a layer that is the
 * identity at inference. Throws a ConfigError naming a layer type that
 * cannot be exported.
 *
 * @example
 * const portable = model.encoder.layers.map(toPortableLayer).filter((l) => l !== undefined);
 */
export function toPortableLayer(layer: Layer): PortableLayer | undefined {
  const o = layer.spec as unknown as Record<string, never>; // the spec of its own type, resolved by its schema
  const base = { name: portableName(layer.name), inputShape: [...layer.inputShape], outputShape: [...layer.outputShape] };
  const withWeights = () => ({ kernel: weightOf(layer, 'kernel'), bias: optionalWeight(layer, 'bias') });
  switch (layer.type) {
    case 'dense':
    case 'timeDense':
      return { ...base, kind: layer.type, units: o.units, activation: o.activation, ...withWeights() };
    case 'conv1d':
    case 'conv2d':
    case 'conv1dTranspose':
    case 'conv2dTranspose': {
      const transposed = layer.type.endsWith('Transpose');
      const common = { filters: o.filters, kernelSize: o.kernelSize, strides: o.strides, padding: o.padding, activation: o.activation, ...withWeights() };
      const rank: 1 | 2 = layer.type.startsWith('conv1d') ? 1 : 2;
      return transposed ? { ...base, kind: 'convTranspose', rank, ...common } : { ...base, kind: 'conv', rank, dilation: o.dilation, ...common };
    }
    case 'maxPool2d':
      return { ...base, kind: 'maxPool', poolSize: o.poolSize, strides: (o.strides as number | undefined) ?? o.poolSize, padding: o.padding };
    case 'upSampling2d':
      return { ...base, kind: 'upsample', size: o.size };
    case 'crop2d':
      return { ...base, kind: 'crop', rank: 2, start: [o.top, o.left], end: [o.bottom, o.right] };
    case 'crop1d':
      return { ...base, kind: 'crop', rank: 1, start: [o.start], end: [o.end] };
    case 'flatten':
      return { ...base, kind: 'flatten' };
    case 'reshape':
      return { ...base, kind: 'reshape', shape: [...(o.shape as number[])] };
    case 'dropout':
      return undefined;
    case 'activation':
      return o.activation === 'linear' ? undefined : { ...base, kind: 'activation', activation: o.activation };
    case 'repeatVector':
      return { ...base, kind: 'repeat', n: o.n };
    case 'lstm':
    case 'gru':
      return {
        ...base,
        kind: 'recurrent',
        cell: layer.type,
        units: o.units,
        returnSequences: o.returnSequences,
        activation: o.activation as ActivationName,
        recurrentActivation: o.recurrentActivation as ActivationName,
        directions: o.bidirectional ? [recurrentWeights(layer, 'forward/'), recurrentWeights(layer, 'backward/')] : [recurrentWeights(layer, '')],
      };
    case 'l2Normalize':
      return { ...base, kind: 'l2Normalize' };
    default:
      throw new ConfigError(
        `layer "${layer.name}" has type "${layer.type}", which cannot be exported (it comes from a plug-in); the layer types that export are: ${EXPORTABLE_LAYER_TYPES.join(', ')}`,
        { field: layer.name },
      );
  }
}

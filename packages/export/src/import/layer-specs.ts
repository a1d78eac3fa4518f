/**
 * Portable layers back as Hourglass layer specs, with the weights each
 * built layer takes under its own weight names (`kernel`, `bias`,
 * `forward/recurrentKernel` ...). The inverse of `layer-to-portable.ts`.
 */
import { ACTIVATIONS, ConfigError, type ActivationName, type LayerSpec } from '@hourglass/core';
import type { PortableActivation, PortableLayer, PortableWeight } from '../portable.js';

/** A layer spec and its weights by Hourglass weight name. */
export interface ImportedLayer {
  spec: LayerSpec;
  weights: Map<string, PortableWeight>;
}

function activation(layer: PortableLayer, a: PortableActivation): ActivationName {
  if ((ACTIVATIONS as readonly string[]).includes(a)) return a as ActivationName;
  throw new ConfigError(`layer "${layer.name}": activation "${a}" is only supported as the network's last step (activations inside a network: ${ACTIVATIONS.join(', ')})`, {
    field: layer.name,
  });
}

function kernelAndBias(kernel: PortableWeight, bias?: PortableWeight): Map<string, PortableWeight> {
  const weights = new Map([['kernel', kernel]]);
  if (bias) weights.set('bias', bias);
  return weights;
}

/**
 * The Hourglass form of one portable layer.
 *
 * @example
 * const { spec } = importedLayer(net.trunk[0]); // { type: 'dense', units: 32, activation: 'relu', useBias: true }
 */
export function importedLayer(layer: PortableLayer): ImportedLayer {
  const none = new Map<string, PortableWeight>();
  switch (layer.kind) {
    case 'dense':
    case 'timeDense':
      return {
        spec: { type: layer.kind, units: layer.units, activation: activation(layer, layer.activation), useBias: layer.bias !== undefined },
        weights: kernelAndBias(layer.kernel, layer.bias),
      };
    case 'conv':
    case 'convTranspose':
      return {
        spec: {
          type: `conv${layer.rank}d${layer.kind === 'convTranspose' ? 'Transpose' : ''}`,
          filters: layer.filters,
          kernelSize: layer.kernelSize,
          strides: layer.strides,
          padding: layer.padding,
          ...(layer.kind === 'conv' ? { dilation: layer.dilation } : {}),
          activation: activation(layer, layer.activation),
          useBias: layer.bias !== undefined,
        },
        weights: kernelAndBias(layer.kernel, layer.bias),
      };
    case 'maxPool':
      return { spec: { type: 'maxPool2d', poolSize: layer.poolSize, strides: layer.strides, padding: layer.padding }, weights: none };
    case 'upsample':
      return { spec: { type: 'upSampling2d', size: layer.size }, weights: none };
    case 'crop':
      return layer.rank === 1
        ? { spec: { type: 'crop1d', start: layer.start[0], end: layer.end[0] }, weights: none }
        : { spec: { type: 'crop2d', top: layer.start[0], bottom: layer.end[0], left: layer.start[1], right: layer.end[1] }, weights: none };
    case 'flatten':
      return { spec: { type: 'flatten' }, weights: none };
    case 'reshape':
      return { spec: { type: 'reshape', shape: [...layer.shape] }, weights: none };
    case 'activation':
      return { spec: { type: 'activation', activation: activation(layer, layer.activation) }, weights: none };
    case 'repeat':
      return { spec: { type: 'repeatVector', n: layer.n }, weights: none };
    case 'l2Normalize':
      return { spec: { type: 'l2Normalize' }, weights: none };
    case 'recurrent': {
      const weights = new Map<string, PortableWeight>();
      const prefixes = layer.directions.length === 2 ? ['forward/', 'backward/'] : [''];
      layer.directions.forEach((d, i) => {
        weights.set(`${prefixes[i]}kernel`, d.kernel);
        weights.set(`${prefixes[i]}recurrentKernel`, d.recurrentKernel);
        weights.set(`${prefixes[i]}bias`, d.bias);
      });
      return {
        spec: {
          type: layer.cell,
          units: layer.units,
          returnSequences: layer.returnSequences,
          bidirectional: layer.directions.length === 2,
          activation: layer.activation,
          recurrentActivation: layer.recurrentActivation,
        },
        weights,
      };
    }
  }
}

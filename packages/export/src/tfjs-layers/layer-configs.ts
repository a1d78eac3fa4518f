/**
 * Portable layers as tfjs-layers layers: the Keras 2 style JSON that
 * `tf.loadLayersModel` of stock @tensorflow/tfjs deserialises, and the
 * weights each layer expects, in its order, under its names.
 *
 * Where tfjs-layers has no layer of the kind, the equivalent is built from
 * ones it has: a 1-D transposed convolution or crop runs as the 2-D one on a
 * one-row image between two reshapes; a leaky ReLU (an activation tfjs
 * layers does not name) is its own `LeakyReLU` layer after a linear one.
 * What has no equivalent is refused: GRU (tfjs-layers' GRU has no
 * reset-after form, which Hourglass uses) and L2 normalisation.
 */
import { ConfigError, LEAKY_RELU_ALPHA } from '@hourglass/core';
import type { PortableActivation, PortableLayer, PortableWeight } from '../portable.js';

/** One tfjs-layers layer: class, config and the weights it loads (name suffix -> values), in order. */
export interface TfjsLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
  weights: Array<{ name: string; weight: PortableWeight }>;
}

const refuse = (layer: PortableLayer, why: string): never => {
  throw new ConfigError(`layer "${layer.name}" (${layer.kind}) cannot be exported to tfjs-layers: ${why}; export it as onnx or keras`, { field: layer.name });
};

/** The activation name tfjs-layers uses, and a trailing LeakyReLU layer when it has none. */
function activationOf(layer: PortableLayer, activation: PortableActivation): { name: string; after: TfjsLayer[] } {
  if (activation !== 'leakyRelu') return { name: activation, after: [] };
  return { name: 'linear', after: [{ className: 'LeakyReLU', name: `${layer.name}_leaky`, config: { alpha: LEAKY_RELU_ALPHA }, weights: [] }] };
}

function kernelAndBias(name: string, kernel: PortableWeight, bias?: PortableWeight, kernelShape?: number[]) {
  const weights = [{ name: `${name}/kernel`, weight: kernelShape ? { shape: kernelShape, values: kernel.values } : kernel }];
  if (bias) weights.push({ name: `${name}/bias`, weight: bias });
  return weights;
}

const reshapeLayer = (name: string, shape: number[]): TfjsLayer => ({ className: 'Reshape', name, config: { target_shape: shape }, weights: [] });

/** A 1-D layer run as its 2-D form on `[1, steps, channels]`. */
function asOneRow(layer: PortableLayer, inner: TfjsLayer): TfjsLayer[] {
  return [reshapeLayer(`${layer.name}_rows`, [1, ...layer.inputShape]), inner, reshapeLayer(`${layer.name}_steps`, [...layer.outputShape])];
}

function recurrentConfig(layer: Extract<PortableLayer, { kind: 'recurrent' }>, name: string) {
  return {
    name,
    units: layer.units,
    activation: layer.activation,
    recurrent_activation: layer.recurrentActivation,
    use_bias: true,
    return_sequences: layer.returnSequences,
    unit_forget_bias: false,
  };
}

/**
 * The tfjs-layers layers for one portable layer (one, or a few where
 * tfjs-layers needs a detour).
 *
 * @example
 * const layers = tfjsLayersOf(net.trunk[0]); // [{ className: 'Dense', ... }]
 */
export function tfjsLayersOf(layer: PortableLayer): TfjsLayer[] {
  const { name } = layer;
  switch (layer.kind) {
    case 'dense':
    case 'timeDense': {
      const act = activationOf(layer, layer.activation);
      const config = { units: layer.units, activation: act.name, use_bias: layer.bias !== undefined };
      return [{ className: 'Dense', name, config, weights: kernelAndBias(name, layer.kernel, layer.bias) }, ...act.after];
    }
    case 'conv': {
      if (layer.dilation > 1 && layer.strides > 1) refuse(layer, 'a convolution both strided and dilated has no tfjs-layers form');
      const act = activationOf(layer, layer.activation);
      const k = layer.rank === 1 ? [layer.kernelSize] : [layer.kernelSize, layer.kernelSize];
      const config = {
        filters: layer.filters,
        kernel_size: k,
        strides: k.map(() => layer.strides),
        padding: layer.padding,
        dilation_rate: layer.rank === 1 ? layer.dilation : [layer.dilation, layer.dilation],
        activation: act.name,
        use_bias: layer.bias !== undefined,
      };
      return [{ className: layer.rank === 1 ? 'Conv1D' : 'Conv2D', name, config, weights: kernelAndBias(name, layer.kernel, layer.bias) }, ...act.after];
    }
    case 'convTranspose': {
      const act = activationOf(layer, layer.activation);
      const one = layer.rank === 1;
      const config = {
        filters: layer.filters,
        kernel_size: one ? [1, layer.kernelSize] : [layer.kernelSize, layer.kernelSize],
        strides: one ? [1, layer.strides] : [layer.strides, layer.strides],
        padding: layer.padding,
        activation: act.name,
        use_bias: layer.bias !== undefined,
      };
      const kernelShape = one ? [1, ...layer.kernel.shape] : undefined;
      const conv: TfjsLayer = { className: 'Conv2DTranspose', name, config, weights: kernelAndBias(name, layer.kernel, layer.bias, kernelShape) };
      return [...(one ? asOneRow(layer, conv) : [conv]), ...act.after];
    }
    case 'maxPool':
      return [{ className: 'MaxPooling2D', name, config: { pool_size: [layer.poolSize, layer.poolSize], strides: [layer.strides, layer.strides], padding: layer.padding }, weights: [] }];
    case 'upsample':
      return [{ className: 'UpSampling2D', name, config: { size: [layer.size, layer.size] }, weights: [] }];
    case 'crop': {
      const cropping = layer.rank === 1 ? [[0, 0], [layer.start[0], layer.end[0]]] : [[layer.start[0], layer.end[0]], [layer.start[1], layer.end[1]]];
      const crop: TfjsLayer = { className: 'Cropping2D', name, config: { cropping }, weights: [] };
      return layer.rank === 1 ? asOneRow(layer, crop) : [crop];
    }
    case 'flatten':
      return [{ className: 'Flatten', name, config: {}, weights: [] }];
    case 'reshape':
      return [reshapeLayer(name, [...layer.shape])];
    case 'activation': {
      const act = activationOf(layer, layer.activation);
      return act.after.length ? act.after.map((l) => ({ ...l, name })) : [{ className: 'Activation', name, config: { activation: act.name }, weights: [] }];
    }
    case 'repeat':
      return [{ className: 'RepeatVector', name, config: { n: layer.n }, weights: [] }];
    case 'recurrent':
      return [recurrentLayer(layer)];
    case 'l2Normalize':
      return refuse(layer, 'tfjs-layers has no L2-normalisation layer');
  }
}

function recurrentLayer(layer: Extract<PortableLayer, { kind: 'recurrent' }>): TfjsLayer {
  if (layer.cell === 'gru') refuse(layer, "tfjs-layers' GRU has no reset-after form (the form Hourglass trains)");
  if (layer.activation === 'leakyRelu' || layer.recurrentActivation === 'leakyRelu') refuse(layer, 'tfjs-layers recurrent layers take no leaky ReLU');
  const className = 'LSTM';
  const weightsOf = (prefix: string, d: (typeof layer.directions)[number]) => [
    { name: `${prefix}/kernel`, weight: d.kernel },
    { name: `${prefix}/recurrent_kernel`, weight: d.recurrentKernel },
    { name: `${prefix}/bias`, weight: d.bias },
  ];
  if (layer.directions.length === 1) return { className, name: layer.name, config: recurrentConfig(layer, layer.name), weights: weightsOf(layer.name, layer.directions[0]) };
  const inner = `${layer.name}_cell`;
  return {
    className: 'Bidirectional',
    name: layer.name,
    config: { layer: { class_name: className, config: recurrentConfig(layer, inner) }, merge_mode: 'concat' },
    weights: [...weightsOf(`${layer.name}/forward_${inner}`, layer.directions[0]), ...weightsOf(`${layer.name}/backward_${inner}`, layer.directions[1])],
  };
}

/**
 * Portable layers as Keras 3 layers: the class, its constructor config and
 * its variables under the paths Keras saves them at inside the layer's
 * weight group (`vars/0` kernel, `vars/1` bias; a recurrent layer's in
 * `cell/vars/...`, a bidirectional one's in `forward_layer/cell/vars/...`
 * and `backward_layer/cell/vars/...`).
 *
 * Keras has a layer for every portable kind. A leaky ReLU after a dense or
 * convolution is its own `LeakyReLU` layer (negative_slope from
 * LEAKY_RELU_ALPHA). What Keras cannot build is refused by name: a
 * convolution both strided and dilated, and recurrent layers with a leaky
 * ReLU activation.
 */
import { ConfigError, LEAKY_RELU_ALPHA } from '@hourglass/core';
import type { PortableActivation, PortableLayer, PortableWeight, RecurrentWeights } from '../portable.js';
import { kerasActivation } from './keras-names.js';

/** One Keras layer: class, config (name and dtype aside), per-sample input shape and variables by path. */
export interface KerasLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
  inputShape: number[];
  vars: Array<{ path: string; weight: PortableWeight }>;
}

const refuse = (layer: PortableLayer, why: string): never => {
  throw new ConfigError(`layer "${layer.name}" (${layer.kind}) cannot be exported to Keras: ${why}`, { field: layer.name });
};

const plain = (layer: PortableLayer, className: string, config: Record<string, unknown> = {}): KerasLayer => ({
  className,
  name: layer.name,
  config,
  inputShape: layer.inputShape,
  vars: [],
});

function kernelVars(kernel: PortableWeight, bias?: PortableWeight): KerasLayer['vars'] {
  return bias ? [{ path: 'vars/0', weight: kernel }, { path: 'vars/1', weight: bias }] : [{ path: 'vars/0', weight: kernel }];
}

/** A weighted layer with its activation: in its config, or a LeakyReLU layer after it. */
function withActivation(layer: PortableLayer, activation: PortableActivation, className: string, config: Record<string, unknown>, vars: KerasLayer['vars']): KerasLayer[] {
  const leaky = activation === 'leakyRelu';
  const main: KerasLayer = { className, name: layer.name, config: { ...config, activation: leaky ? 'linear' : kerasActivation(activation) }, inputShape: layer.inputShape, vars };
  if (!leaky) return [main];
  return [main, { className: 'LeakyReLU', name: `${layer.name}_leaky`, config: { negative_slope: LEAKY_RELU_ALPHA }, inputShape: layer.outputShape, vars: [] }];
}

const pair = (rank: 1 | 2, n: number) => (rank === 1 ? [n] : [n, n]);

/**
 * The Keras layers for one portable layer (one, or two for a leaky ReLU after a weighted layer).
 *
 * @example
 * const [dense] = kerasLayersOf(net.trunk[0]); // { className: 'Dense', config: { units: 8, ... }, vars: [...] }
 */
export function kerasLayersOf(layer: PortableLayer): KerasLayer[] {
  const spatial = layer.inputShape.length === 2 ? 1 : 2;
  switch (layer.kind) {
    case 'dense':
    case 'timeDense':
      return withActivation(layer, layer.activation, 'Dense', { units: layer.units, use_bias: layer.bias !== undefined }, kernelVars(layer.kernel, layer.bias));
    case 'conv': {
      if (layer.dilation > 1 && layer.strides > 1) refuse(layer, 'Keras convolutions cannot be both strided and dilated');
      const config = {
        filters: layer.filters,
        kernel_size: pair(layer.rank, layer.kernelSize),
        strides: pair(layer.rank, layer.strides),
        padding: layer.padding,
        data_format: 'channels_last',
        dilation_rate: pair(layer.rank, layer.dilation),
        groups: 1,
        use_bias: layer.bias !== undefined,
      };
      return withActivation(layer, layer.activation, `Conv${layer.rank}D`, config, kernelVars(layer.kernel, layer.bias));
    }
    case 'convTranspose': {
      const config = {
        filters: layer.filters,
        kernel_size: pair(layer.rank, layer.kernelSize),
        strides: pair(layer.rank, layer.strides),
        padding: layer.padding,
        output_padding: null,
        data_format: 'channels_last',
        dilation_rate: pair(layer.rank, 1),
        use_bias: layer.bias !== undefined,
      };
      return withActivation(layer, layer.activation, `Conv${layer.rank}DTranspose`, config, kernelVars(layer.kernel, layer.bias));
    }
    case 'maxPool':
      return [
        plain(layer, `MaxPooling${spatial}D`, {
          pool_size: pair(spatial, layer.poolSize),
          strides: pair(spatial, layer.strides),
          padding: layer.padding,
          data_format: 'channels_last',
        }),
      ];
    case 'upsample':
      return [spatial === 1 ? plain(layer, 'UpSampling1D', { size: layer.size }) : plain(layer, 'UpSampling2D', { size: [layer.size, layer.size], data_format: 'channels_last', interpolation: 'nearest' })];
    case 'crop':
      return [
        layer.rank === 1
          ? plain(layer, 'Cropping1D', { cropping: [layer.start[0], layer.end[0]] })
          : plain(layer, 'Cropping2D', { cropping: [[layer.start[0], layer.end[0]], [layer.start[1], layer.end[1]]], data_format: 'channels_last' }),
      ];
    case 'flatten':
      return [plain(layer, 'Flatten', { data_format: 'channels_last' })];
    case 'reshape':
      return [plain(layer, 'Reshape', { target_shape: [...layer.shape] })];
    case 'activation':
      return layer.activation === 'leakyRelu'
        ? [plain(layer, 'LeakyReLU', { negative_slope: LEAKY_RELU_ALPHA })]
        : [plain(layer, 'Activation', { activation: kerasActivation(layer.activation) })];
    case 'repeat':
      return [plain(layer, 'RepeatVector', { n: layer.n })];
    case 'recurrent':
      return [recurrentLayer(layer)];
    case 'l2Normalize':
      // the L2 norm of all a sample's entries: every axis but the batch's
      return [plain(layer, 'UnitNormalization', { axis: layer.inputShape.length === 1 ? -1 : layer.inputShape.map((_, i) => i + 1) })];
  }
}

function recurrentLayer(layer: Extract<PortableLayer, { kind: 'recurrent' }>): KerasLayer {
  if (layer.activation === 'leakyRelu' || layer.recurrentActivation === 'leakyRelu') refuse(layer, 'Keras recurrent layers are exported with named activations, and leaky ReLU is not one here');
  const className = layer.cell === 'lstm' ? 'LSTM' : 'GRU';
  const config = {
    units: layer.units,
    activation: kerasActivation(layer.activation as Exclude<PortableActivation, 'leakyRelu'>),
    recurrent_activation: kerasActivation(layer.recurrentActivation as Exclude<PortableActivation, 'leakyRelu'>),
    use_bias: true,
    return_sequences: layer.returnSequences,
    return_state: false,
    go_backwards: false,
    stateful: false,
    unroll: false,
    dropout: 0,
    recurrent_dropout: 0,
    ...(layer.cell === 'lstm' ? { unit_forget_bias: false } : { reset_after: true }),
  };
  const cellVars = (prefix: string, d: RecurrentWeights) => [
    { path: `${prefix}cell/vars/0`, weight: d.kernel },
    { path: `${prefix}cell/vars/1`, weight: d.recurrentKernel },
    { path: `${prefix}cell/vars/2`, weight: d.bias },
  ];
  if (layer.directions.length === 1) return { className, name: layer.name, config, inputShape: layer.inputShape, vars: cellVars('', layer.directions[0]) };
  const inner = {
    module: 'keras.layers',
    class_name: className,
    config: { name: `${layer.name}_cell`, trainable: true, dtype: 'float32', ...config },
    registered_name: null,
    build_config: { input_shape: [null, ...layer.inputShape] },
  };
  return {
    className: 'Bidirectional',
    name: layer.name,
    config: { merge_mode: 'concat', layer: inner },
    inputShape: layer.inputShape,
    vars: [...cellVars('forward_layer/', layer.directions[0]), ...cellVars('backward_layer/', layer.directions[1])],
  };
}

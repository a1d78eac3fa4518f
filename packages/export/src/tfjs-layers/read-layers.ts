/**
 * tfjs-layers layers (Keras 2 style configs) as portable layers, with
 * their weights found by name (`<layer>/kernel`, `<layer>/bias`,
 * `<layer>/recurrent_kernel`; a Bidirectional layer's under
 * `<layer>/forward_*` and `<layer>/backward_*`). Configs with no Hourglass
 * equivalent (channels first, causal padding, non-square kernels, a GRU
 * without reset-after, a leaky ReLU of another slope ...) are refused with
 * the layer's name and the value.
 */
import { ConfigError, LEAKY_RELU_ALPHA } from '@hourglass/core';
import type { PortableActivation, PortableWeight } from '../portable.js';
import type { UnshapedLayer } from '../import/infer-shapes.js';
import type { TopologyLayer } from './read-topology.js';

/** The Keras 2 / tfjs-layers classes an imported network may hold. */
export const IMPORTABLE_CLASSES = [
  'Dense',
  'Conv1D',
  'Conv2D',
  'Conv2DTranspose',
  'MaxPooling2D',
  'UpSampling2D',
  'Cropping2D',
  'Flatten',
  'Reshape',
  'Activation',
  'LeakyReLU',
  'ReLU',
  'ELU',
  'Softmax',
  'Dropout',
  'RepeatVector',
  'LSTM',
  'GRU',
  'Bidirectional',
  'TimeDistributed',
] as const;

const ACTIVATION_NAMES: Record<string, PortableActivation> = {
  linear: 'linear',
  relu: 'relu',
  elu: 'elu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softplus: 'softplus',
  softmax: 'softmax',
};

/** Weights by name, taken as they are used (so that unused ones can be reported). */
export type WeightPool = Map<string, PortableWeight>;

class Reader {
  constructor(
    readonly layer: TopologyLayer,
    readonly pool: WeightPool,
  ) {}

  fail(what: string): never {
    throw new ConfigError(`layer "${this.layer.name}" (${this.layer.className}): ${what}`, { field: this.layer.name });
  }

  get<T>(key: string, fallback?: T): T {
    const v = this.layer.config[key];
    return (v === undefined || v === null ? fallback : v) as T;
  }

  /** An int, or a list of equal ints (square windows only). */
  square(key: string, fallback?: number): number {
    const v = this.get<unknown>(key, fallback);
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((d) => Number.isInteger(d) && d === list[0] && (d as number) >= 0)) this.fail(`${key} ${JSON.stringify(v)}: only equal sizes along every axis are supported`);
    return list[0] as number;
  }

  activation(key = 'activation'): PortableActivation {
    const name = this.get<string>(key, 'linear');
    return ACTIVATION_NAMES[name] ?? this.fail(`activation "${name}" is not supported (supported: ${Object.keys(ACTIVATION_NAMES).join(', ')})`);
  }

  padding(): 'same' | 'valid' {
    const p = this.get<string>('padding', 'valid');
    return p === 'same' || p === 'valid' ? p : this.fail(`padding "${p}" is not supported (same, valid)`);
  }

  channelsLast(): void {
    const f = this.get<string>('data_format', 'channels_last');
    if (f !== 'channels_last') this.fail(`data_format "${f}": only channels_last is supported`);
  }

  weight(name: string, prefix = this.layer.name): PortableWeight {
    const key = `${prefix}/${name}`;
    const w = this.pool.get(key) ?? this.fail(`the weights hold no "${key}"`);
    this.pool.delete(key);
    return w;
  }

  kernelAndBias() {
    return { kernel: this.weight('kernel'), bias: this.get('use_bias', true) ? this.weight('bias') : undefined };
  }
}

function recurrent(r: Reader, cellLayer: TopologyLayer, prefixes: string[]): UnshapedLayer {
  const cell = new Reader(cellLayer, r.pool);
  if (cellLayer.className !== 'LSTM' && cellLayer.className !== 'GRU') r.fail(`wraps a ${cellLayer.className}; only LSTM and GRU are supported`);
  if (cellLayer.className === 'GRU' && !cell.get('reset_after', false)) cell.fail('a GRU without reset_after is not supported (Hourglass GRUs are reset-after)');
  if (!cell.get('use_bias', true)) cell.fail('use_bias false is not supported');
  const [activation, recurrentActivation] = [cell.activation(), cell.activation('recurrent_activation')].map((a) =>
    a === 'softmax' ? cell.fail('a softmax inside a recurrent cell is not supported') : a,
  );
  return {
    name: r.layer.name,
    kind: 'recurrent',
    cell: cellLayer.className === 'LSTM' ? 'lstm' : 'gru',
    units: cell.get<number>('units'),
    returnSequences: cell.get('return_sequences', false),
    activation,
    recurrentActivation,
    directions: prefixes.map((p) => ({ kernel: r.weight('kernel', p), recurrentKernel: r.weight('recurrent_kernel', p), bias: r.weight('bias', p) })),
  };
}

/**
 * The portable form of one tfjs-layers layer (undefined for Dropout),
 * taking its weights out of `pool`.
 *
 * @example
 * const portable = readLayer({ className: 'Dense', name: 'code', config: { units: 2, activation: 'relu' } }, pool);
 */
export function readLayer(layer: TopologyLayer, pool: WeightPool): UnshapedLayer | undefined {
  const r = new Reader(layer, pool);
  const name = layer.name;
  switch (layer.className) {
    case 'Dense':
      return { name, kind: 'dense', units: r.get<number>('units'), activation: r.activation(), ...r.kernelAndBias() };
    case 'Conv1D':
    case 'Conv2D': {
      r.channelsLast();
      const rank = layer.className === 'Conv1D' ? 1 : 2;
      const common = { name, kind: 'conv' as const, rank: rank as 1 | 2, filters: r.get<number>('filters'), kernelSize: r.square('kernel_size') };
      return { ...common, strides: r.square('strides', 1), padding: r.padding(), dilation: r.square('dilation_rate', 1), activation: r.activation(), ...r.kernelAndBias() };
    }
    case 'Conv2DTranspose':
      r.channelsLast();
      if (r.get('output_padding') !== undefined) r.fail('output_padding is not supported');
      if (r.square('dilation_rate', 1) !== 1) r.fail('a dilated transposed convolution is not supported');
      return { name, kind: 'convTranspose', rank: 2, filters: r.get<number>('filters'), kernelSize: r.square('kernel_size'), strides: r.square('strides', 1), padding: r.padding(), activation: r.activation(), ...r.kernelAndBias() };
    case 'MaxPooling2D': {
      r.channelsLast();
      const poolSize = r.square('pool_size', 2);
      return { name, kind: 'maxPool', poolSize, strides: r.square('strides', poolSize), padding: r.padding() };
    }
    case 'UpSampling2D':
      if (r.get('interpolation', 'nearest') !== 'nearest') r.fail('only nearest interpolation is supported');
      return { name, kind: 'upsample', size: r.square('size', 2) };
    case 'Cropping2D': {
      const c = r.get<unknown>('cropping');
      const pairs = Array.isArray(c) && c.length === 2 && c.every((p) => Array.isArray(p) && p.length === 2) ? (c as number[][]) : r.fail(`cropping ${JSON.stringify(c)}: expected [[top, bottom], [left, right]]`);
      return { name, kind: 'crop', rank: 2, start: [pairs[0][0], pairs[1][0]], end: [pairs[0][1], pairs[1][1]] };
    }
    case 'Flatten':
      return { name, kind: 'flatten' };
    case 'Reshape':
      return { name, kind: 'reshape', shape: [...r.get<number[]>('target_shape')] };
    case 'Activation':
      return { name, kind: 'activation', activation: r.activation() };
    case 'ReLU':
      if (r.get('max_value') !== undefined) r.fail('a capped ReLU (max_value) is not supported');
      return { name, kind: 'activation', activation: 'relu' };
    case 'ELU':
      if (r.get('alpha', 1) !== 1) r.fail('an ELU with alpha other than 1 is not supported');
      return { name, kind: 'activation', activation: 'elu' };
    case 'LeakyReLU': {
      const alpha = r.get<number>('alpha', 0.3);
      if (Math.abs(alpha - LEAKY_RELU_ALPHA) > 1e-7) r.fail(`alpha ${alpha}: Hourglass' leaky ReLU has slope ${LEAKY_RELU_ALPHA}`);
      return { name, kind: 'activation', activation: 'leakyRelu' };
    }
    case 'Softmax':
      if (r.get('axis', -1) !== -1) r.fail('a softmax over another axis than the last is not supported');
      return { name, kind: 'activation', activation: 'softmax' };
    case 'Dropout':
      return undefined;
    case 'RepeatVector':
      return { name, kind: 'repeat', n: r.get<number>('n') };
    case 'LSTM':
    case 'GRU':
      return recurrent(r, layer, [name]);
    case 'Bidirectional': {
      if (r.get('merge_mode', 'concat') !== 'concat') r.fail('only merge_mode "concat" is supported');
      const inner = r.get<{ class_name: string; config: Record<string, unknown> }>('layer');
      const cellName = String(inner.config.name);
      return recurrent(r, { className: inner.class_name, name: cellName, config: inner.config }, [`${name}/forward_${cellName}`, `${name}/backward_${cellName}`]);
    }
    case 'TimeDistributed': {
      const inner = r.get<{ class_name: string; config: Record<string, unknown> }>('layer');
      if (inner.class_name !== 'Dense') r.fail(`wraps a ${inner.class_name}; only Dense is supported`);
      const dense = new Reader({ className: 'Dense', name, config: inner.config }, pool);
      return { name, kind: 'timeDense', units: dense.get<number>('units'), activation: dense.activation(), ...dense.kernelAndBias() };
    }
    default:
      return r.fail(`the class is not supported; supported classes: ${IMPORTABLE_CLASSES.join(', ')}`);
  }
}

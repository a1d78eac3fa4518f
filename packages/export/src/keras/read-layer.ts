/**
 * One Keras 3 layer as a portable layer. Keras 3 configs are close to the
 * Keras 2 style ones tfjs-layers writes, so the tfjs-layers reader's
 * per-class rules do the work (`readLayer`) once the differences are
 * bridged: weights are positional variables in the layer's h5 group, named
 * here as that reader expects them (`<layer>/kernel`, `<layer>/bias`,
 * `<layer>/recurrent_kernel`, a Bidirectional layer's under
 * `<layer>/forward_<cell>` and `<layer>/backward_<cell>`); LeakyReLU's
 * slope is `negative_slope`; the 1-D transposed convolution, 1-D crop and
 * UnitNormalization are read here. Every layer must be float32.
 */
import { ConfigError } from '@hourglass/core';
import type { UnshapedLayer } from '../import/infer-shapes.js';
import type { PortableWeight } from '../portable.js';
import { IMPORTABLE_CLASSES, readLayer, type WeightPool } from '../tfjs-layers/read-layers.js';
import type { ChainLayer } from './read-graph.js';

/**
 * The Keras 3 layer classes a `.keras` model may hold (and Sequential / Functional models of them).
 *
 * @example
 * KERAS_IMPORTABLE_CLASSES.includes('LSTM'); // true
 */
export const KERAS_IMPORTABLE_CLASSES: readonly string[] = [
  // Keras 3 has no TimeDistributed form here: its Dense works on the last axis of a sequence
  ...IMPORTABLE_CLASSES.filter((c) => c !== 'TimeDistributed'),
  'Conv1DTranspose',
  'Cropping1D',
  'UnitNormalization',
];

/** Variable names by position, per class. */
const VAR_NAMES: Record<string, string[]> = { LSTM: ['kernel', 'recurrent_kernel', 'bias'], GRU: ['kernel', 'recurrent_kernel', 'bias'] };
const KERNEL_BIAS = ['kernel', 'bias'];

/** The h5 datasets read, by path. */
export type H5Datasets = Map<string, { shape: number[]; dtype: string; values?: Float32Array }>;

const fail = (layer: ChainLayer, why: string): never => {
  throw new ConfigError(`layer "${layer.where}" (${layer.className}): ${why}`, { field: layer.where });
};

/** The variables `<group>/vars/0, 1, ...`, which must be float32; taken out of `datasets` as they are read. */
function vars(layer: ChainLayer, group: string, datasets: H5Datasets): PortableWeight[] {
  const out: PortableWeight[] = [];
  for (let i = 0; ; i++) {
    const path = `${group}/vars/${i}`;
    const d = datasets.get(path);
    if (!d) return out;
    if (d.dtype !== '<f' || !d.values) fail(layer, `variable ${path} has dtype ${d.dtype}; only float32 is read`);
    out.push({ shape: d.shape, values: d.values! });
    datasets.delete(path);
  }
}

function named(layer: ChainLayer, prefix: string, names: string[], weights: PortableWeight[], pool: WeightPool): void {
  if (weights.length > names.length) fail(layer, `the weight file holds ${weights.length} variables for it, expected at most ${names.length} (${names.join(', ')})`);
  weights.forEach((w, i) => pool.set(`${prefix}/${names[i]}`, w));
}

function checkDtype(layer: ChainLayer): void {
  const dtype = layer.config.dtype as unknown;
  const name = typeof dtype === 'object' && dtype !== null ? ((dtype as Record<string, unknown>).config as Record<string, unknown> | undefined)?.name : dtype;
  if (name !== undefined && name !== 'float32') fail(layer, `dtype ${JSON.stringify(name)}: only float32 models are read`);
}

/** The config the tfjs-layers reader takes for this Keras 3 layer. */
function bridged(layer: ChainLayer): { className: string; config: Record<string, unknown> } {
  const c = layer.config;
  if ((c.groups ?? 1) !== 1) fail(layer, `groups ${JSON.stringify(c.groups)}: grouped convolutions are not supported`);
  switch (layer.className) {
    case 'LeakyReLU':
      return { className: 'LeakyReLU', config: { ...c, alpha: c.negative_slope ?? 0.3 } };
    case 'ReLU':
      if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) fail(layer, 'a ReLU with a negative slope or threshold is not supported');
      return layer;
    case 'Conv1DTranspose':
      return { className: 'Conv2DTranspose', config: c };
    default:
      return layer;
  }
}

/**
 * The portable form of one Keras 3 layer (undefined for Dropout), its
 * weights taken from `datasets`; `axis` of a UnitNormalization is returned
 * for checking once shapes are known.
 *
 * @example
 * const read = readKerasLayer({ className: 'Dense', config, weights: 'layers/dense', where: 'dense' }, datasets);
 */
export function readKerasLayer(layer: ChainLayer, datasets: H5Datasets): { layer?: UnshapedLayer; axis?: unknown } {
  checkDtype(layer);
  if (!KERAS_IMPORTABLE_CLASSES.includes(layer.className))
    fail(layer, `the class is not supported; supported classes: ${KERAS_IMPORTABLE_CLASSES.join(', ')} (and Sequential or Functional models of them)`);
  const name = layer.where.replace(/[^A-Za-z0-9_]/g, '_');
  const c = layer.config;
  if (layer.className === 'Cropping1D') {
    const crop = c.cropping;
    if (!Array.isArray(crop) || crop.length !== 2 || !crop.every((n) => Number.isInteger(n) && n >= 0)) fail(layer, `cropping ${JSON.stringify(crop)}: expected [start, end]`);
    return { layer: { name, kind: 'crop', rank: 1, start: [(crop as number[])[0]], end: [(crop as number[])[1]] } };
  }
  if (layer.className === 'UnitNormalization') return { layer: { name, kind: 'l2Normalize' }, axis: c.axis ?? -1 };
  const pool: WeightPool = new Map();
  const cls = bridged(layer);
  if (layer.className === 'Bidirectional') {
    const cellName = String((c.layer as Record<string, Record<string, unknown>> | undefined)?.config?.name);
    const inner = String((c.layer as Record<string, unknown> | undefined)?.class_name);
    for (const dir of ['forward', 'backward'])
      named(layer, `${name}/${dir}_${cellName}`, VAR_NAMES[inner] ?? [], vars(layer, `${layer.weights}/${dir}_layer/cell`, datasets), pool);
  } else if (VAR_NAMES[layer.className]) named(layer, name, VAR_NAMES[layer.className], vars(layer, `${layer.weights}/cell`, datasets), pool);
  else named(layer, name, KERNEL_BIAS, vars(layer, layer.weights, datasets), pool);
  let read: UnshapedLayer | undefined;
  try {
    read = readLayer({ className: cls.className, name, config: cls.config }, pool);
  } catch (e) {
    if (e instanceof ConfigError) fail(layer, e.message.replace(/^layer "[^"]*" \([^)]*\): /, ''));
    throw e;
  }
  if (pool.size > 0) fail(layer, `the weight file holds variables it does not use (${[...pool.keys()].join(', ')})`);
  if (layer.className === 'Conv1DTranspose' && read?.kind === 'convTranspose') return { layer: { ...read, rank: 1 } };
  return { layer: read };
}

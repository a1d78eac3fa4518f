/**
 * A Keras 3 model config flattened into one chain of layers, each with the
 * path of its weight group in `model.weights.h5`. Sequential and Functional
 * models nest (an autoencoder built as `decoder(encoder(x))` is a
 * Functional model of two models); a nested model's layers take its place
 * in the chain. A Functional model must be a chain: one input, one output,
 * every layer called once on the one before.
 */
import { ConfigError } from '@hourglass/core';
import { weightGroupNames } from './keras-names.js';

/** One layer of the flattened chain. */
export interface ChainLayer {
  className: string;
  config: Record<string, unknown>;
  /** Its weight group, e.g. `layers/sequential/layers/dense_1`. */
  weights: string;
  /** Where it is, for errors: `encoder/dense_1`. */
  where: string;
}

/** The flattened chain and the input shape its InputLayer (or build shape) declares. */
export interface KerasChain {
  inputShape?: number[];
  layers: ChainLayer[];
}

type Obj = Record<string, unknown>;
const MODELS = ['Sequential', 'Functional', 'Model'];

const fail = (where: string, why: string) => new ConfigError(`Keras model${where ? ` "${where}"` : ''}: ${why}`, { field: where || 'config.json' });

const asObj = (v: unknown, where: string, what: string): Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail(where, `${what} is not an object`);
  return v as Obj;
};

function batchShape(config: Obj, where: string): number[] | undefined {
  const shape = (config.batch_shape ?? config.batch_input_shape ?? config.build_input_shape) as unknown;
  if (shape === undefined || shape === null) return undefined;
  if (!Array.isArray(shape) || shape.slice(1).some((d) => !Number.isInteger(d) || (d as number) <= 0))
    throw fail(where, `the input shape ${JSON.stringify(shape)} is not a batch axis and whole positive sizes`);
  return (shape as number[]).slice(1);
}

function inputDtype(config: Obj, where: string): void {
  const dtype = config.dtype;
  if (dtype !== undefined && dtype !== 'float32') throw fail(where, `the input is ${JSON.stringify(dtype)}, only float32 is read`);
}

/** The layer a Keras 3 inbound node is called on; only single-tensor calls. */
function inboundOf(layer: Obj, where: string): string | undefined {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return undefined;
  if (nodes.length > 1) throw fail(where, `layer "${String(layer.name)}" is called ${nodes.length} times; only chains of layers each called once are read`);
  const args = (nodes[0] as Obj).args;
  const history = Array.isArray(args) && args.length === 1 ? ((args[0] as Obj)?.config as Obj | undefined)?.keras_history : undefined;
  if (!Array.isArray(history)) throw fail(where, `layer "${String(layer.name)}" is not called on exactly one tensor (Keras 3 configs only)`);
  return String(history[0]);
}

function flattenSequential(config: Obj, prefix: string, where: string, out: KerasChain): void {
  const layers = config.layers as Obj[];
  let shape = batchShape(config, where);
  const body = layers.filter((l) => {
    if (l.class_name !== 'InputLayer') return true;
    const c = asObj(l.config, where, 'an InputLayer config');
    inputDtype(c, where);
    shape = batchShape(c, where) ?? shape;
    return false;
  });
  if (out.layers.length === 0 && out.inputShape === undefined) out.inputShape = shape;
  const groups = weightGroupNames(body.map((l) => String(l.class_name)));
  body.forEach((l, i) => addLayer(l, `${prefix}layers/${groups[i]}`, where, out));
}

function flattenFunctional(config: Obj, prefix: string, where: string, out: KerasChain): void {
  const layers = config.layers as Obj[];
  const byName = new Map(layers.map((l) => [String(l.name ?? (l.config as Obj)?.name), l]));
  const groups = weightGroupNames(layers.map((l) => String(l.class_name)));
  const groupOf = new Map(layers.map((l, i) => [l, groups[i]]));
  const outputsList = config.output_layers as unknown[];
  const single = (v: unknown, what: string) => {
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
    if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0])) return String(v[0][0]);
    throw fail(where, `the model has more than one ${what}; only single-input, single-output chains are read`);
  };
  single(config.input_layers, 'input');
  // walk back from the output to the InputLayer
  const chain: Obj[] = [];
  const seen = new Set<string>();
  for (let name: string | undefined = single(outputsList, 'output'); name !== undefined; ) {
    const layer = byName.get(name);
    if (!layer) throw fail(where, `it calls a layer "${name}" it does not define`);
    if (seen.has(name)) throw fail(where, `layer "${name}" is reached twice`);
    seen.add(name);
    chain.unshift(layer);
    name = layer.class_name === 'InputLayer' ? undefined : inboundOf(layer, where);
  }
  if (chain.length !== layers.length) {
    const off = layers.filter((l) => !chain.includes(l)).map((l) => String(l.name));
    throw fail(where, `layers ${off.join(', ')} are not on the chain from the input to the output (branches are not read)`);
  }
  const [input, ...body] = chain;
  if (input.class_name !== 'InputLayer') throw fail(where, `the chain starts at "${String(input.name)}", not an InputLayer`);
  const inputConfig = asObj(input.config, where, 'the InputLayer config');
  inputDtype(inputConfig, where);
  if (out.layers.length === 0 && out.inputShape === undefined) out.inputShape = batchShape(inputConfig, where);
  for (const l of body) addLayer(l, `${prefix}layers/${groupOf.get(l)}`, where, out);
}

function addLayer(layer: Obj, weights: string, parent: string, out: KerasChain): void {
  const className = String(layer.class_name);
  const config = asObj(layer.config, parent, `layer config of ${className}`);
  const where = parent ? `${parent}/${String(config.name ?? className)}` : String(config.name ?? className);
  if (MODELS.includes(className)) flattenModel(className, config, `${weights}/`, where, out);
  else out.layers.push({ className, config, weights, where });
}

function flattenModel(className: string, config: Obj, prefix: string, where: string, out: KerasChain): void {
  if (!Array.isArray(config.layers)) throw fail(where, 'it lists no layers');
  if (className === 'Sequential') flattenSequential(config, prefix, where, out);
  else flattenFunctional(config, prefix, where, out);
}

/**
 * The chain of layers of a `.keras` archive's config.json (parsed).
 *
 * @example
 * const { inputShape, layers } = kerasChain(JSON.parse(configJson));
 */
export function kerasChain(modelConfig: unknown): KerasChain {
  const top = asObj(modelConfig, '', 'config.json');
  const className = String(top.class_name);
  if (!MODELS.includes(className)) throw fail('', `the top level is a ${className}; expected a Sequential or Functional model`);
  const out: KerasChain = { layers: [] };
  flattenModel(className, asObj(top.config, '', 'the model config'), '', '', out);
  return out;
}

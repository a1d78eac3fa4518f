/**
 * The layer chain of a tfjs-layers (Keras 2 style) model topology: a
 * Sequential model, or a functional one ("Model" / "Functional") whose
 * layers each read the one before, with nested models (an `encoder` and a
 * `decoder` model inside an autoencoder, a common way to build one)
 * flattened into the chain. Anything that is not a single chain from one
 * input to one output is refused, naming the layer where it branches.
 */
import { ConfigError } from '@hourglass/core';

/** One layer of the chain: its class, config and name. */
export interface TopologyLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

function bad(message: string): never {
  throw new ConfigError(`model topology: ${message}`, { field: 'modelTopology' });
}

function layerOf(raw: unknown, where: string): TopologyLayer & { inbound: unknown } {
  if (!isObject(raw) || typeof raw.class_name !== 'string' || !isObject(raw.config)) bad(`${where}: expected { class_name, config }`);
  const config = raw.config as Json;
  const name = typeof raw.name === 'string' ? raw.name : typeof config.name === 'string' ? config.name : bad(`${where}: the layer has no name`);
  return { className: raw.class_name as string, name, config, inbound: raw.inbound_nodes };
}

/** The per-sample input shape a layer config declares (`batch_input_shape` / `batch_shape`), if any. */
function declaredInput(config: Json): number[] | undefined {
  const shape = config.batch_input_shape ?? config.batch_shape;
  if (!Array.isArray(shape)) return undefined;
  const per = shape.slice(1);
  if (!per.every((d) => Number.isInteger(d) && d > 0)) bad(`layer "${String(config.name)}": input shape ${JSON.stringify(shape)} must be fixed positive sizes after the batch`);
  return per as number[];
}

/** The names of the layers a functional layer reads (its single inbound node). */
function inboundNames(inbound: unknown, name: string): string[] {
  if (!Array.isArray(inbound) || inbound.length === 0) return [];
  if (inbound.length > 1) bad(`layer "${name}" is called ${inbound.length} times (shared layers are not a chain)`);
  const node = inbound[0];
  if (!Array.isArray(node)) bad(`layer "${name}": inbound_nodes[0] is not a list`);
  return (node as unknown[]).map((entry) => (Array.isArray(entry) && typeof entry[0] === 'string' ? entry[0] : bad(`layer "${name}": an inbound entry is not [layer, node, tensor]`)));
}

function functionalChain(config: Json, where: string): TopologyLayer[] {
  const raw = Array.isArray(config.layers) ? config.layers : bad(`${where}: config.layers is not a list`);
  const layers = raw.map((l, i) => layerOf(l, `${where} layer ${i}`));
  const outputs = Array.isArray(config.output_layers) ? config.output_layers : [];
  if (outputs.length !== 1) bad(`${where}: an autoencoder has one output, this model has ${outputs.length}`);
  const byName = new Map(layers.map((l) => [l.name, l]));
  const chain: Array<TopologyLayer & { inbound: unknown }> = [];
  let name = (outputs[0] as unknown[])[0] as string;
  for (let guard = 0; guard <= layers.length; guard++) {
    const layer = byName.get(name) ?? bad(`${where}: no layer is named "${name}"`);
    chain.unshift(layer);
    const from = inboundNames(layer.inbound, layer.name);
    if (from.length === 0) break;
    if (from.length > 1) bad(`layer "${layer.name}" reads ${from.length} layers (${from.join(', ')}): only single chains are imported`);
    name = from[0];
  }
  if (chain.length !== layers.length) {
    const off = layers.find((l) => !chain.includes(l));
    bad(`${where}: layer "${off?.name}" is not on the chain from the input to the output`);
  }
  return chain.map(({ className, name: n, config: c }) => ({ className, name: n, config: c }));
}

/** Nested models replaced by their own chains. */
function flatten(chain: TopologyLayer[], depth: number): TopologyLayer[] {
  if (depth > 8) bad('models nested more than 8 deep');
  return chain.flatMap((l) => (MODEL_CLASSES.has(l.className) ? flatten(modelChain({ class_name: l.className, config: l.config }, `model "${l.name}"`), depth + 1) : [l]));
}

function modelChain(model: Json, where: string): TopologyLayer[] {
  const config = model.config;
  if (model.class_name === 'Sequential') {
    const layers = Array.isArray(config) ? config : isObject(config) && Array.isArray(config.layers) ? config.layers : bad(`${where}: a Sequential model needs a layer list`);
    return layers.map((l, i) => layerOf(l, `${where} layer ${i}`)).map(({ className, name, config: c }) => ({ className, name, config: c }));
  }
  if (model.class_name === 'Model' || model.class_name === 'Functional') return functionalChain(isObject(config) ? config : bad(`${where}: no config`), where);
  return bad(`${where}: class "${String(model.class_name)}" is not a model (expected Sequential, Model or Functional)`);
}

/**
 * The chain of layers of a tfjs-layers topology and the per-sample input shape.
 *
 * @example
 * const { inputShape, layers } = topologyChain(artifacts.modelTopology);
 */
export function topologyChain(topology: unknown): { inputShape: number[]; layers: TopologyLayer[] } {
  if (!isObject(topology)) bad('expected a JSON object');
  const model = isObject(topology.model_config) ? topology.model_config : topology;
  const chain = flatten(modelChain(model, 'the model'), 0);
  const first = chain[0] ?? bad('the model has no layers');
  const inputShape = declaredInput(first.config) ?? bad(`the first layer "${first.name}" declares no input shape (batch_input_shape)`);
  return { inputShape, layers: chain.filter((l) => l.className !== 'InputLayer') };
}

/**
 * A portable network as a Keras 3 Functional model config (`config.json`
 * of a `.keras` archive): an `InputLayer`, the trunk's layers, then each
 * output's chain from the trunk's end, every layer called once on the
 * previous layer's output (`inbound_nodes` with one `__keras_tensor__`).
 * Alongside, each layer's weight group in `model.weights.h5`, named as
 * Keras names it (see keras-names.ts).
 */
import { INPUT, layerGraph } from '../layer-graph.js';
import type { PortableNetwork } from '../portable.js';
import { weightGroupNames } from './keras-names.js';
import { kerasLayersOf, type KerasLayer } from './layer-configs.js';

const DTYPE = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

/** A Keras model as written: its config.json object and each weighted layer's variables under their full h5 paths. */
export interface KerasModel {
  config: Record<string, unknown>;
  /** Every group the weight file holds, with the layer name Keras records on its `vars` group. */
  groups: Array<{ path: string; name: string }>;
  vars: Array<{ path: string; weight: KerasLayer['vars'][number]['weight'] }>;
}

const tensor = (shape: number[], from: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, ...shape], dtype: 'float32', keras_history: [from, 0, 0] } });

/**
 * The Keras Functional model of `net`.
 *
 * @example
 * const { config } = kerasModel(net);
 * JSON.stringify(config); // config.json of the .keras archive
 */
export function kerasModel(net: PortableNetwork): KerasModel {
  const identity = (inputShape: number[]) => ({ className: 'Activation', name: 'identity' as const, config: { activation: 'linear' }, inputShape, vars: [] });
  const { nodes, outputs } = layerGraph(net, kerasLayersOf, identity);
  const name = `hourglass_${net.part}`;
  const input = {
    module: 'keras.layers',
    class_name: 'InputLayer',
    config: { batch_shape: [null, ...net.inputShape], dtype: 'float32', sparse: false, ragged: false, name: INPUT, optional: false },
    registered_name: null,
    name: INPUT,
    inbound_nodes: [],
  };
  const layers = nodes.map(({ layer, inbound }) => ({
    module: 'keras.layers',
    class_name: layer.className,
    config: { name: layer.name, trainable: true, dtype: DTYPE, ...layer.config },
    registered_name: null,
    build_config: { input_shape: [null, ...layer.inputShape] },
    name: layer.name,
    inbound_nodes: [{ args: [tensor(layer.inputShape, inbound)], kwargs: {} }],
  }));
  const outputLayers = outputs.map((o) => [o, 0, 0]);
  const config = {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: { name, trainable: true, layers: [input, ...layers], input_layers: [INPUT, 0, 0], output_layers: outputLayers.length === 1 ? outputLayers[0] : outputLayers },
    registered_name: 'Functional',
    build_config: { input_shape: null },
    compile_config: null,
  };
  const groupNames = weightGroupNames(['InputLayer', ...nodes.map((n) => n.layer.className)]);
  const groups = [{ path: '', name }, { path: `layers/${groupNames[0]}`, name: INPUT }];
  const vars: KerasModel['vars'] = [];
  nodes.forEach(({ layer }, i) => {
    const at = `layers/${groupNames[i + 1]}`;
    groups.push({ path: at, name: layer.name });
    for (const v of layer.vars) vars.push({ path: `${at}/${v.path}`, weight: v.weight });
  });
  return { config, groups, vars };
}

/**
 * A portable network as tfjs-layers model artifacts: a functional model
 * (`class_name: "Model"`, Keras 2 style config) whose trunk and outputs are
 * chains of layers, and its weights in one little-endian float32 buffer
 * described by a weights manifest. The artifacts go to any tfjs IO handler
 * (`handler.save(artifacts)`: files, IndexedDB, a browser download) or are
 * written as `model.json` + `weights.bin` by `exportModel`.
 */
import type { io } from '@tensorflow/tfjs-core';
import { INPUT, layerGraph } from '../layer-graph.js';
import type { PortableNetwork } from '../portable.js';
import { tfjsLayersOf } from './layer-configs.js';

/** The tfjs `ModelArtifacts` of a LayersModel (topology, weight specs and data). */
export type TfjsLayersArtifacts = io.ModelArtifacts & { modelTopology: Record<string, unknown>; weightSpecs: io.WeightsManifestEntry[]; weightData: ArrayBuffer };

/**
 * The tfjs-layers artifacts of `net`.
 *
 * @example
 * const artifacts = tfjsLayersArtifacts(portableNetwork(model, { part: 'encoder' }));
 * await tf.io.withSaveHandler(async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })).save(artifacts);
 */
export function tfjsLayersArtifacts(net: PortableNetwork, generatedBy = 'Hourglass'): TfjsLayersArtifacts {
  const identity = () => ({ className: 'Activation', name: 'identity' as const, config: { activation: 'linear' }, weights: [] });
  const { nodes, outputs } = layerGraph(net, tfjsLayersOf, identity);
  const layers = [
    { class_name: 'InputLayer', name: INPUT, config: { name: INPUT, batch_input_shape: [null, ...net.inputShape], dtype: 'float32', sparse: false }, inbound_nodes: [] },
    ...nodes.map(({ layer, inbound }) => ({
      class_name: layer.className,
      name: layer.name,
      config: { name: layer.name, trainable: true, dtype: 'float32', ...layer.config },
      inbound_nodes: [[[inbound, 0, 0, {}]]],
    })),
  ];
  const modelTopology = {
    class_name: 'Model',
    config: { name: `hourglass_${net.part}`, layers, input_layers: [[INPUT, 0, 0]], output_layers: outputs.map((o) => [o, 0, 0]) },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
  const weights = nodes.flatMap((n) => n.layer.weights);
  const total = weights.reduce((sum, w) => sum + w.weight.values.length, 0);
  const data = new Float32Array(total);
  let at = 0;
  for (const w of weights) {
    data.set(w.weight.values, at);
    at += w.weight.values.length;
  }
  return {
    modelTopology,
    format: 'layers-model',
    generatedBy,
    convertedBy: null,
    weightSpecs: weights.map((w) => ({ name: w.name, shape: [...w.weight.shape], dtype: 'float32' as const })),
    weightData: data.buffer,
  };
}

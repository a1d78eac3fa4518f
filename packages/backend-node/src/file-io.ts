/**
 * Saving and loading weights in TensorFlow.js's own file layout (model.json +
 * weights.bin) through tfjs-node's `file://` handler, for interoperability
 * with other TensorFlow.js tools. (Hourglass models have their own format in
 * @hourglass/core.)
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { NodeOptions } from './detect.js';
import { requirePackage } from './require-package.js';

/**
 * Extra fields written to model.json next to the weights.
 *
 * @example
 * const o: SaveWeightsOptions = { modelTopology: { layers: [784, 32, 784] }, metadata: { epoch: 3 } };
 */
export interface SaveWeightsOptions {
  /** Any JSON; stored as `modelTopology`. */
  modelTopology?: object;
  /** Any JSON; stored as `userDefinedMetadata`. */
  metadata?: Record<string, unknown>;
}

/**
 * Weights read back by {@link NodeFileIO.loadWeights}.
 *
 * @example
 * const { weights, metadata } = await io.loadWeights();
 */
export interface LoadedWeights {
  weights: tf.NamedTensorMap;
  modelTopology?: object;
  metadata?: Record<string, unknown>;
}

/**
 * Weight files in one directory, read and written by tfjs-node.
 *
 * @example
 * const io = nodeFileIO('./out/ae');
 * await io.saveWeights({ 'enc/W': W, 'enc/b': b });
 * const { weights } = await io.loadWeights();
 */
export interface NodeFileIO {
  /** Absolute directory holding model.json and weights.bin. */
  readonly dir: string;
  /** `file://<dir>`: where `model.save()` of tfjs-layers writes (tfjs-node's save router). */
  readonly saveUrl: string;
  /** `file://<dir>/model.json`: what tfjs-node's file handler reads (`tf.loadLayersModel()` of a LayersModel saved at `saveUrl`; weights written by `saveWeights` have no topology for it). */
  readonly loadUrl: string;
  /**
   * tfjs-node's IOHandler (`tf.io.fileSystem`): for saving it points at the
   * directory, for loading at its model.json (tfjs-node requires that).
   */
  handler(purpose?: 'save' | 'load'): Promise<tf.io.IOHandler>;
  /** Writes the tensors (any dtype) as model.json + weights.bin. */
  saveWeights(weights: tf.NamedTensorMap, options?: SaveWeightsOptions): Promise<tf.io.SaveResult>;
  /** Reads model.json + weights.bin back as tensors (the caller disposes them). */
  loadWeights(): Promise<LoadedWeights>;
}

interface TfjsNodeIo {
  io: { fileSystem(path: string | string[]): tf.io.IOHandler };
}

/**
 * Weight files in `dir` through tfjs-node's file handler. Creating it loads
 * nothing; tfjs-node is loaded on the first call (throwing a
 * {@link NodeBackendError} that says what to install when it is absent).
 *
 * @example
 * import { nodeFileIO } from '@hourglass/backend-node';
 * const io = nodeFileIO('/tmp/weights');
 * await io.saveWeights({ w: tf.ones([2, 2]) }, { metadata: { note: 'demo' } });
 * const { weights } = await io.loadWeights(); // weights.w: float32 [2, 2]
 */
export function nodeFileIO(dir: string, options: NodeOptions = {}): NodeFileIO {
  const abs = path.resolve(dir);
  const modelJson = path.join(abs, 'model.json');
  const handler = async (purpose: 'save' | 'load' = 'save'): Promise<tf.io.IOHandler> => {
    const native = await requirePackage(options);
    return (native.module as TfjsNodeIo).io.fileSystem(purpose === 'save' ? abs : modelJson);
  };
  return {
    dir: abs,
    saveUrl: `file://${abs}`,
    loadUrl: `file://${modelJson}`,
    handler,
    async saveWeights(weights, opts = {}) {
      const { data, specs } = await tf.io.encodeWeights(weights);
      const h = await handler('save');
      if (!h.save) throw new Error(`tfjs-node's file handler for ${abs} cannot save`);
      return h.save({
        modelTopology: opts.modelTopology,
        weightSpecs: specs,
        // tfjs-node writes weightData with Buffer.from(): it must be one ArrayBuffer.
        weightData: tf.io.CompositeArrayBuffer.join(data),
        format: 'hourglass-weights',
        generatedBy: '@hourglass/backend-node',
        userDefinedMetadata: opts.metadata as Record<string, never> | undefined,
      });
    },
    async loadWeights() {
      const h = await handler('load');
      if (!h.load) throw new Error(`tfjs-node's file handler for ${abs} cannot load`);
      const art = await h.load();
      if (!art.weightSpecs || !art.weightData) throw new Error(`${abs}/model.json lists no weights`);
      return {
        weights: tf.io.decodeWeights(art.weightData, art.weightSpecs),
        modelTopology: art.modelTopology as object | undefined,
        metadata: art.userDefinedMetadata as Record<string, unknown> | undefined,
      };
    },
  };
}

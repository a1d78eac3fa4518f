/**
 * Saving and loading models (format: `format.ts`; storage: `store.ts`).
 *
 * Saving writes `weights.<crc>.bin` and then `model.json`, each atomically,
 * and finally removes weight files no model uses any more (`prune.ts`), so a
 * crash at any point leaves a complete model (the old one or the new one) in
 * place, and concurrent saves and loads on one folder each see a whole model.
 * Weights holding NaN or Inf are never written (`finite.ts`).
 * Loading lives in `load.ts`.
 * The same content also travels through any tfjs IO handler
 * (`artifacts.ts`): IndexedDB or local storage in browsers, tfjs-node's
 * `file://`, or an HTTP upload.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Autoencoder } from './autoencoder.js';
import { crc32 } from './crc32.js';
import { FORMAT_VERSION, MODEL_FILE, MODEL_FORMAT, type ModelJson, type WeightEntry } from './format.js';
import { toStore, type ModelStore, type NamedBlob } from './store.js';
import { ioHandlerFor, saveArtifacts } from './artifacts.js';
import { checkFinite } from './finite.js';
import { pruneWeights } from './prune.js';
import { concatFloat32 } from '../arrays.js';
import type { SaveTarget } from './target.js';

const GENERATOR = '@hourglass/core';

/** Extra content a checkpoint carries beside the model. */
export interface SaveExtras {
  /** Additional named tensors (optimizer slots, best weights) stored after the model's. */
  tensors?: Array<{ name: string; tensor: Tensor }>;
  /** JSON trainer state. */
  training?: unknown;
}

export type { SaveTarget };

/**
 * Saves a model (and optional checkpoint extras) to a directory path or a store.
 *
 * @example
 * await saveModel(model, 'runs/mnist/model');
 * const again = await loadModel('runs/mnist/model');
 */
export async function saveModel(model: Autoencoder, target: SaveTarget, extras: SaveExtras = {}): Promise<void> {
  const handler = ioHandlerFor(target, 'save');
  const { json, bytes } = await encodeModel(model, extras);
  if (handler) return saveArtifacts(handler, json, bytes);
  const store = toStore(target as string | ModelStore | ArrayLike<NamedBlob>);
  const weightsFile = json.weightsManifest[0].paths[0];
  const text = new TextEncoder().encode(JSON.stringify(json, null, 1));
  await store.write([
    [weightsFile, bytes],
    [MODEL_FILE, text],
  ]);
  await pruneWeights(store, weightsFile);
}

/**
 * model.json and the weight bytes of a model (and checkpoint extras).
 * Throws a ModelFileError naming the weight when one holds NaN or Inf.
 *
 * @example
 * const { json, bytes } = await encodeModel(model); // what saveModel writes
 */
export async function encodeModel(model: Autoencoder, extras: SaveExtras = {}): Promise<{ json: ModelJson; bytes: Uint8Array }> {
  const named = [
    ...model.weights.map((w) => ({ name: w.name, tensor: w.variable as Tensor })),
    ...(extras.tensors ?? []),
  ];
  const entries: WeightEntry[] = [];
  const parts: Float32Array[] = [];
  for (const { name, tensor } of named) {
    const data = (await tensor.data()) as Float32Array;
    checkFinite(name, data, 'refusing to save weights that would not load (training diverged): lower the learning rate, then retrain or resume from the last good checkpoint');
    entries.push({ name, shape: [...tensor.shape], dtype: 'float32' });
    parts.push(data);
  }
  const flat = concatFloat32(parts);
  const bytes = new Uint8Array(flat.buffer);
  const checksum = crc32(bytes);
  const json: ModelJson = {
    format: MODEL_FORMAT,
    formatVersion: FORMAT_VERSION,
    generator: GENERATOR,
    recipe: model.recipe,
    variants: model.composition.all.map((v) => ({ name: v.name, version: v.version, role: v.role })),
    architecture: {
      loss: model.loss,
      featureShape: model.featureShape,
      codeShape: model.codeShape,
      encoder: model.encoder.layers.map((l) => l.spec),
      heads: Object.fromEntries(Object.entries(model.heads).map(([k, h]) => [k, h.layers.map((l) => l.spec)])),
      decoder: model.decoder?.layers.map((l) => l.spec),
      predictor: model.predictor?.layers.map((l) => l.spec),
      parameters: model.parameterCount,
    },
    scaling: model.scaling,
    metadata: model.metadata,
    training: extras.training,
    weightsManifest: [{ paths: [`weights.${checksum}.bin`], weights: entries }],
    weightsChecksum: { algorithm: 'crc32', value: checksum },
  };
  return { json, bytes };
}

export { loadModel, loadModelWithExtras, decodeModel, DEFAULT_MAX_WEIGHT_BYTES, type LoadOptions, type LoadedModel } from './load.js';

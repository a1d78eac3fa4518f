/**
 * Saving and loading models (format: `format.ts`; storage: `store.ts`).
 *
 * Saving writes `weights.<crc>.bin` and then `model.json`, each atomically,
 * and finally removes weight files no longer referenced, so a crash at any
 * point leaves a complete model (the old one or the new one) in place.
 * The same content also travels through any tfjs IO handler
 * (`artifacts.ts`): IndexedDB or local storage in browsers, tfjs-node's
 * `file://`, or an HTTP upload.
 * Loading checks everything before allocating tensors and yields outputs
 * bit-identical to the saved model's.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { ModelFileError } from '../errors.js';
import { Autoencoder } from './autoencoder.js';
import { crc32 } from './crc32.js';
import { sizeOf } from '../shape.js';
import { FORMAT_VERSION, MAX_JSON_BYTES, MODEL_FILE, MODEL_FORMAT, parseModelJson, type ModelJson, type WeightEntry } from './format.js';
import { directoryStore, type ModelStore } from './store.js';
import { ioHandlerFor, loadArtifacts, saveArtifacts } from './artifacts.js';

const GENERATOR = '@hourglass/core';
/** Default bound on the total weight size a loader accepts (2 GiB). */
export const DEFAULT_MAX_WEIGHT_BYTES = 2 * 1024 ** 3;

/** Extra content a checkpoint carries beside the model. */
export interface SaveExtras {
  /** Additional named tensors (optimizer slots, best weights) stored after the model's. */
  tensors?: Array<{ name: string; tensor: Tensor }>;
  /** JSON trainer state. */
  training?: unknown;
}

/**
 * Where a model is saved or loaded: a directory path, a `ModelStore`, a
 * tfjs IO handler (`tf.io.IOHandler`), or a tfjs IO URL such as
 * `indexeddb://name`, `localstorage://name` or (with tfjs-node) `file://dir`.
 */
export type SaveTarget = string | ModelStore | tf.io.IOHandler;

function toStore(target: string | ModelStore): ModelStore {
  return typeof target === 'string' ? directoryStore(target) : target;
}

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
  const store = toStore(target as string | ModelStore);
  const weightsFile = json.weightsManifest[0].paths[0];
  const text = new TextEncoder().encode(JSON.stringify(json, null, 1));
  await store.write([
    [weightsFile, bytes],
    [MODEL_FILE, text],
  ]);
  for (const name of await store.list())
    if (/^weights\.[0-9a-f]{8}\.bin$/.test(name) && name !== weightsFile) await store.remove(name);
}

/**
 * model.json and the weight bytes of a model (and checkpoint extras).
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
  let total = 0;
  for (const { name, tensor } of named) {
    const data = (await tensor.data()) as Float32Array;
    entries.push({ name, shape: [...tensor.shape], dtype: 'float32' });
    parts.push(data);
    total += data.length;
  }
  const flat = new Float32Array(total);
  let offset = 0;
  for (const p of parts) {
    flat.set(p, offset);
    offset += p.length;
  }
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
      decoder: model.decoder.layers.map((l) => l.spec),
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

/** Options of `loadModel`. */
export interface LoadOptions {
  /** Largest total weight size accepted, in bytes (default 2 GiB). */
  maxWeightBytes?: number;
}

/** A loaded model with the checkpoint extras stored beside it. */
export interface LoadedModel {
  model: Autoencoder;
  /** Extra tensors by name (caller owns them). */
  extras: Map<string, Tensor>;
  training?: unknown;
}

/**
 * Loads a model saved by `saveModel`, checking the files first. Variants
 * named in the model must be registered (import their `/register` entries).
 *
 * @example
 * import '@hourglass/variant-undercomplete/register';
 * const model = await loadModel('runs/mnist/model');
 */
export async function loadModel(source: SaveTarget, options: LoadOptions = {}): Promise<Autoencoder> {
  const { model, extras } = await loadModelWithExtras(source, options);
  for (const t of extras.values()) t.dispose();
  return model;
}

/** Like `loadModel`, and also returns checkpoint extras (see `SaveExtras`). */
export async function loadModelWithExtras(source: SaveTarget, options: LoadOptions = {}): Promise<LoadedModel> {
  const maxBytes = options.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  const handler = ioHandlerFor(source, 'load');
  if (handler) {
    const { json, bytes, where } = await loadArtifacts(handler, maxBytes);
    return decodeModel(json, bytes, where, where);
  }
  const store = toStore(source as string | ModelStore);
  const jsonPath = store.describe(MODEL_FILE);
  const jsonSize = await store.size(MODEL_FILE);
  if (jsonSize === undefined) throw new ModelFileError('file not found (is this a saved model directory?)', jsonPath);
  if (jsonSize > MAX_JSON_BYTES) throw new ModelFileError(`is ${jsonSize} bytes, more than the ${MAX_JSON_BYTES} allowed`, jsonPath);
  const { json, bytesPerPath } = parseModelJson(new TextDecoder().decode(await store.read(MODEL_FILE)), jsonPath, maxBytes);
  for (const [path, expected] of bytesPerPath) {
    const actual = await store.size(path);
    if (actual === undefined) throw new ModelFileError('weights file not found', store.describe(path));
    if (actual !== expected)
      throw new ModelFileError(`holds ${actual} bytes but model.json declares ${expected}; the file is truncated or does not belong to this model`, store.describe(path));
  }
  const weightsPath = json.weightsManifest[0].paths[0];
  return decodeModel(json, await store.read(weightsPath), jsonPath, store.describe(weightsPath));
}

/**
 * Rebuilds a model from a validated model.json and its weight bytes; the
 * checksum, the rebuilt model's weight names and shapes are checked.
 * `jsonWhere` / `weightsWhere` name the sources in errors.
 *
 * @example
 * const { model } = decodeModel(json, bytes, 'model.json', 'weights.bin');
 */
export function decodeModel(json: ModelJson, bytes: Uint8Array, jsonWhere: string, weightsWhere: string): LoadedModel {
  const jsonPath = jsonWhere;
  const group = json.weightsManifest[0];
  if (crc32(bytes) !== json.weightsChecksum.value)
    throw new ModelFileError(`checksum mismatch (expected crc32 ${json.weightsChecksum.value}); the file is damaged or was modified`, weightsWhere);
  let model: Autoencoder;
  try {
    model = Autoencoder.create(json.recipe);
  } catch (e) {
    throw new ModelFileError(`cannot rebuild the model: ${(e as Error).message}`, jsonPath);
  }
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const extras = new Map<string, Tensor>();
  try {
    const weights = model.weights;
    const entries = group.weights;
    if (entries.length < weights.length) throw new ModelFileError(`declares ${entries.length} weights, the model has ${weights.length}`, jsonPath);
    let offset = 0;
    entries.forEach((entry, i) => {
      const size = sizeOf(entry.shape);
      const slice = values.slice(offset, offset + size);
      offset += size;
      if (i < weights.length) {
        const w = weights[i];
        const same = w.name === entry.name && w.variable.shape.length === entry.shape.length && w.variable.shape.every((d, k) => d === entry.shape[k]);
        if (!same)
          throw new ModelFileError(
            `weight ${i} is "${entry.name}" [${entry.shape.join(', ')}] but the rebuilt model expects "${w.name}" [${w.variable.shape.join(', ')}]`,
            jsonPath,
          );
        const t = tf.tensor(slice, entry.shape, 'float32');
        w.variable.assign(t);
        t.dispose();
      } else extras.set(entry.name, tf.tensor(slice, entry.shape, 'float32'));
    });
  } catch (e) {
    model.dispose();
    for (const t of extras.values()) t.dispose();
    throw e;
  }
  model.scaling = json.scaling;
  model.metadata = json.metadata ?? {};
  return { model, extras, training: json.training };
}

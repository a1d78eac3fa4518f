/**
 * Loading models saved by `saveModel` (format: `format.ts`; storage:
 * `store.ts`). Everything is checked before a tensor is allocated: the
 * files' sizes, the checksum, that every weight is finite, and that the
 * recipe builds exactly the weights the manifest lists (worked out without
 * allocating, `size.ts`), so a small hostile model.json cannot make the
 * loader allocate gigabytes. A loaded model's outputs are bit-identical to
 * the saved model's.
 *
 * A save may replace the model while it is being loaded: when the weights
 * model.json named are gone or changed, the loader reads model.json again
 * and retries, so a load beside a saver always yields a whole model.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { ModelFileError } from '../errors.js';
import { OverBudgetError } from '../layers/weight-scope.js';
import { Autoencoder } from './autoencoder.js';
import { crc32 } from './crc32.js';
import { sizeOf } from '../shape.js';
import { DEFAULT_MAX_WEIGHT_BYTES, MODEL_FILE, parseModelJson, type ModelJson } from './format.js';
import { readModelText } from './read-json.js';
import { toStore, type ModelStore, type NamedBlob } from './store.js';
import { ioHandlerFor, loadArtifacts } from './artifacts.js';
import { checkFinite } from './finite.js';
import { recipeSize, type RecipeSize } from './size.js';
import type { SaveTarget } from './target.js';

export { DEFAULT_MAX_WEIGHT_BYTES };

/** How often a load is retried when a concurrent save replaced the files under it. */
const RETRIES = 3;

/** Options of `loadModel`. */
export interface LoadOptions {
  /** Largest total weight size accepted, in bytes (default 2 GiB). */
  maxWeightBytes?: number;
  /** Largest model.json accepted, in bytes (default 16 MiB). */
  maxJsonBytes?: number;
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

/**
 * Like `loadModel`, and also returns checkpoint extras (see `SaveExtras`).
 *
 * @example
 * const { model, extras, training } = await loadModelWithExtras('runs/mnist/checkpoint');
 */
export async function loadModelWithExtras(source: SaveTarget, options: LoadOptions = {}): Promise<LoadedModel> {
  const maxBytes = options.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  const handler = ioHandlerFor(source, 'load');
  if (handler) {
    const { json, bytes, where } = await loadArtifacts(handler, maxBytes);
    return decodeModel(json, bytes, where, where);
  }
  const store = toStore(source as string | ModelStore | ArrayLike<NamedBlob>);
  for (let attempt = 0; ; attempt++) {
    const text = await readModelText(store, options.maxJsonBytes);
    const { json, bytesPerPath } = parseModelJson(text, store.describe(MODEL_FILE), maxBytes);
    try {
      return decodeModel(json, await readWeights(store, json, bytesPerPath), store.describe(MODEL_FILE), store.describe(json.weightsManifest[0].paths[0]));
    } catch (e) {
      if (!(e instanceof ModelFileError) || attempt >= RETRIES) throw e;
      // Retry only when a save replaced model.json meanwhile, or once after a moment (a cleanup may be putting a file back).
      const now = await readModelText(store, options.maxJsonBytes).catch(() => undefined);
      if (now === text && attempt > 0) throw e;
      if (now === text) await new Promise((r) => setTimeout(r, 25));
    }
  }
}

async function readWeights(store: ModelStore, json: ModelJson, bytesPerPath: Map<string, number>): Promise<Uint8Array> {
  for (const [path, expected] of bytesPerPath) {
    const actual = await store.size(path);
    if (actual === undefined) throw new ModelFileError('weights file not found', store.describe(path));
    if (actual !== expected)
      throw new ModelFileError(`holds ${actual} bytes but model.json declares ${expected}; the file is truncated or does not belong to this model`, store.describe(path));
  }
  const path = json.weightsManifest[0].paths[0];
  const bytes = await store.read(path);
  if (bytes.byteLength !== bytesPerPath.get(path))
    throw new ModelFileError(`holds ${bytes.byteLength} bytes but model.json declares ${bytesPerPath.get(path)}; the file changed while being read`, store.describe(path));
  return bytes;
}

/**
 * The recipe's size, or a ModelFileError saying why it cannot be built.
 * Sizing stops as soon as the recipe builds more than the manifest declares.
 */
function sizeOfRecipe(json: ModelJson, jsonWhere: string): RecipeSize {
  const entries = json.weightsManifest[0].weights;
  const budget = { weights: entries.length, parameters: entries.reduce((n, e) => n + sizeOf(e.shape), 0) };
  try {
    return recipeSize(json.recipe, budget);
  } catch (e) {
    if (e instanceof OverBudgetError)
      throw new ModelFileError(
        `its recipe builds more than the weights manifest declares (${budget.weights} weights, ${budget.parameters.toLocaleString('en-US')} parameters): ` +
          `weight "${e.weight}" [${e.shape.join(', ')}] is beyond that; model.json does not describe these weights`,
        jsonWhere,
      );
    throw new ModelFileError(`cannot rebuild the model: ${(e as Error).message}`, jsonWhere);
  }
}

/** Checks, before allocating, that the recipe builds exactly the weights the manifest lists first. */
function checkManifest(size: RecipeSize, json: ModelJson, jsonWhere: string): void {
  const entries = json.weightsManifest[0].weights;
  const declared = entries.reduce((n, e) => n + sizeOf(e.shape), 0);
  if (entries.length < size.weights.length)
    throw new ModelFileError(
      `declares ${entries.length} weights (${declared.toLocaleString('en-US')} parameters), but its recipe builds ${size.weights.length} weights (${size.parameters.toLocaleString('en-US')} parameters); model.json does not describe these weights`,
      jsonWhere,
    );
  size.weights.forEach((w, i) => {
    const entry = entries[i];
    const same = w.name === entry.name && w.shape.length === entry.shape.length && w.shape.every((d, k) => d === entry.shape[k]);
    if (!same)
      throw new ModelFileError(
        `weight ${i} is "${entry.name}" [${entry.shape.join(', ')}] but the rebuilt model expects "${w.name}" [${w.shape.join(', ')}] (its recipe builds ${size.parameters.toLocaleString('en-US')} parameters)`,
        jsonWhere,
      );
  });
}

/**
 * Rebuilds a model from a validated model.json and its weight bytes. The
 * checksum, the finiteness of every weight, and the weight names and shapes
 * the recipe builds are checked before any tensor is allocated.
 * `jsonWhere` / `weightsWhere` name the sources in errors.
 *
 * @example
 * const { model } = decodeModel(json, bytes, 'model.json', 'weights.bin');
 */
export function decodeModel(json: ModelJson, bytes: Uint8Array, jsonWhere: string, weightsWhere: string): LoadedModel {
  const entries = json.weightsManifest[0].weights;
  if (crc32(bytes) !== json.weightsChecksum.value)
    throw new ModelFileError(`checksum mismatch (expected crc32 ${json.weightsChecksum.value}); the file is damaged or was modified`, weightsWhere);
  if (bytes.byteLength % 4 !== 0) throw new ModelFileError(`holds ${bytes.byteLength} bytes, not a whole number of float32 values`, weightsWhere);
  // A Float32Array view needs a 4-byte aligned offset; copy when the buffer is not.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const values = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const slices: Float32Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const slice = values.subarray(offset, offset + sizeOf(entry.shape));
    offset += slice.length;
    checkFinite(entry.name, slice, 'the model was saved from diverged training or the file was altered; retrain or use an earlier copy', weightsWhere);
    slices.push(slice);
  }
  const size = sizeOfRecipe(json, jsonWhere);
  checkManifest(size, json, jsonWhere);
  let model: Autoencoder;
  try {
    // The size was checked against the manifest, which the loader bounded by maxWeightBytes.
    model = Autoencoder.create(json.recipe, { maxParameters: Infinity });
  } catch (e) {
    throw new ModelFileError(`cannot rebuild the model: ${(e as Error).message}`, jsonWhere);
  }
  const extras = new Map<string, Tensor>();
  const weights = model.weights;
  try {
    entries.forEach((entry, i) => {
      if (i >= weights.length) {
        extras.set(entry.name, tf.tensor(slices[i].slice(), entry.shape, 'float32'));
        return;
      }
      const t = tf.tensor(slices[i].slice(), entry.shape, 'float32');
      weights[i].variable.assign(t);
      t.dispose();
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

/**
 * Reading a saved model's description without its weights: what a caller
 * needs to know before loading (which variant plug-ins to register, the
 * saved scaling and metadata). The size of model.json is checked before a
 * byte of it is read, and it is validated as `loadModel` validates it.
 */
import { ModelFileError } from '../errors.js';
import { MAX_JSON_BYTES, MODEL_FILE, parseModelJson, type ModelJson } from './format.js';
import { DEFAULT_MAX_WEIGHT_BYTES } from './format.js';
import { toStore, type ModelStore, type NamedBlob } from './store.js';

/** Options of `readModelJson`. */
export interface ReadModelJsonOptions {
  /** Largest model.json accepted, in bytes (default 16 MiB, the bound `loadModel` applies). */
  maxJsonBytes?: number;
}

/**
 * The text of `model.json` in `store`, its size checked before a byte is
 * read and again after (a save may replace the file in between).
 *
 * @example
 * const text = await readModelText(directoryStore('runs/mnist/model'));
 */
export async function readModelText(store: ModelStore, limit: number = MAX_JSON_BYTES): Promise<string> {
  const path = store.describe(MODEL_FILE);
  const size = await store.size(MODEL_FILE);
  if (size === undefined) throw new ModelFileError('file not found (is this a saved model directory?)', path);
  const tooBig = (n: number) =>
    new ModelFileError(`is ${n} bytes, more than the ${limit} allowed (option maxJsonBytes); Hourglass writes weights to a separate file, so a model.json this large is not one it wrote`, path);
  if (size > limit) throw tooBig(size);
  const bytes = await store.read(MODEL_FILE);
  if (bytes.byteLength > limit) throw tooBig(bytes.byteLength);
  return new TextDecoder().decode(bytes);
}

/**
 * Reads and validates `model.json` of a saved model directory (or store)
 * without touching its weights.
 *
 * @example
 * const json = await readModelJson('runs/mnist/model');
 * const variantNames = json.recipe.variants.map((v) => v.name); // register these before loadModel
 */
export async function readModelJson(source: string | ModelStore | ArrayLike<NamedBlob>, options: ReadModelJsonOptions = {}): Promise<ModelJson> {
  const store = toStore(source);
  const text = await readModelText(store, options.maxJsonBytes ?? MAX_JSON_BYTES);
  return parseModelJson(text, store.describe(MODEL_FILE), DEFAULT_MAX_WEIGHT_BYTES).json;
}

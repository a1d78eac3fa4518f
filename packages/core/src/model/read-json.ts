/**
 * Reading a saved model's description without its weights: what a caller
 * needs to know before loading (which variant plug-ins to register, the
 * saved scaling and metadata). The size of model.json is checked before a
 * byte of it is read, and it is validated as `loadModel` validates it.
 */
import { ModelFileError } from '../errors.js';
import { MAX_JSON_BYTES, MODEL_FILE, parseModelJson, type ModelJson } from './format.js';
import { DEFAULT_MAX_WEIGHT_BYTES } from './save.js';
import { directoryStore, type ModelStore } from './store.js';

/** Options of `readModelJson`. */
export interface ReadModelJsonOptions {
  /** Largest model.json accepted, in bytes (default 16 MiB, the bound `loadModel` applies). */
  maxJsonBytes?: number;
}

/**
 * Reads and validates `model.json` of a saved model directory (or store)
 * without touching its weights.
 *
 * @example
 * const json = await readModelJson('runs/mnist/model');
 * const variantNames = json.recipe.variants.map((v) => v.name); // register these before loadModel
 */
export async function readModelJson(source: string | ModelStore, options: ReadModelJsonOptions = {}): Promise<ModelJson> {
  const store = typeof source === 'string' ? directoryStore(source) : source;
  const limit = options.maxJsonBytes ?? MAX_JSON_BYTES;
  const path = store.describe(MODEL_FILE);
  const size = await store.size(MODEL_FILE);
  if (size === undefined) throw new ModelFileError('file not found (is this a saved model directory?)', path);
  if (size > limit)
    throw new ModelFileError(`is ${size} bytes, more than the ${limit} allowed (the readModelJson option maxJsonBytes); Hourglass writes weights to a separate file, so a model.json this large is not one it wrote`, path);
  return parseModelJson(new TextDecoder().decode(await store.read(MODEL_FILE)), path, DEFAULT_MAX_WEIGHT_BYTES).json;
}

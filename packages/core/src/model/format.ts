/**
 * The saved-model format, `model.json`, and its validation.
 *
 * A saved model is its recipe plus its weights: the ordered variants with
 * their parsed configurations and versions, the input shape and seed, the
 * target (shape, objective, weight) of a model that predicts one, any
 * fitted data scaling, and a weights manifest in the tfjs weights format
 * pointing at one binary file. Loading re-runs the same builders with the
 * same configurations and then fills in the weights, so no class ever has to
 * be registered by hand, and a VAE reloads as a VAE.
 *
 * Validation treats `model.json` as hostile: weight paths must be plain file
 * names inside the model directory, every declared shape is checked and the
 * total size is bounded and compared with the file before anything is
 * allocated.
 */
import { ModelFileError } from '../errors.js';
import type { LayerSpec } from '../layers/layer.js';
import type { FullRecipe } from './recipe.js';

/** Default bound on the total weight size a loader accepts (2 GiB). */
export const DEFAULT_MAX_WEIGHT_BYTES = 2 * 1024 ** 3;

/** The `format` field of every model.json Hourglass writes. */
export const MODEL_FORMAT = 'hourglass.model';
/** The model.json layout version this build writes and reads. */
export const FORMAT_VERSION = 1;
/** The file name of a saved model's description in its directory. */
export const MODEL_FILE = 'model.json';
/** Largest model.json read, in bytes. */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** One weight in a manifest (the tfjs weights-manifest entry shape). */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** The contents of model.json. */
export interface ModelJson {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  generator: string;
  recipe: FullRecipe;
  variants: Array<{ name: string; version: string; role: string }>;
  architecture: {
    loss: string;
    featureShape: number[];
    codeShape: number[];
    encoder: LayerSpec[];
    heads: Record<string, LayerSpec[]>;
    /** Absent for a model whose target's objective is 'predict'. */
    decoder?: LayerSpec[];
    /** Present for a model with a target. */
    predictor?: LayerSpec[];
    parameters: number;
  };
  scaling?: unknown;
  metadata?: Record<string, unknown>;
  /** Trainer state, present in checkpoints. */
  training?: unknown;
  weightsManifest: Array<{ paths: string[]; weights: WeightEntry[] }>;
  weightsChecksum: { algorithm: 'crc32'; value: string };
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses and checks model.json, returning it with the byte size each
 * weight file must have. `maxBytes` bounds the total weight size.
 */
export function parseModelJson(text: string, file: string, maxBytes: number): { json: ModelJson; bytesPerPath: Map<string, number> } {
  const bad = (msg: string): never => {
    throw new ModelFileError(msg, file);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return bad(`not valid JSON (${(e as Error).message}); the file may be truncated`);
  }
  if (!isObject(raw)) return bad('expected a JSON object');
  if (raw.format !== MODEL_FORMAT) bad(`not an Hourglass model (format is ${JSON.stringify(raw.format)}, expected "${MODEL_FORMAT}")`);
  if (raw.formatVersion !== FORMAT_VERSION)
    bad(`format version ${JSON.stringify(raw.formatVersion)} is not supported (this build reads version ${FORMAT_VERSION})`);
  const recipe = raw.recipe;
  if (!isObject(recipe) || !Array.isArray(recipe.inputShape) || !Array.isArray(recipe.variants))
    bad('"recipe" must hold "inputShape" and "variants"');
  const manifest = raw.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length === 0) return bad('"weightsManifest" must be a non-empty array');
  const checksum = raw.weightsChecksum;
  if (!isObject(checksum) || checksum.algorithm !== 'crc32' || typeof checksum.value !== 'string' || !/^[0-9a-f]{8}$/.test(checksum.value))
    bad('"weightsChecksum" must be { "algorithm": "crc32", "value": <8 hex digits> }');
  const bytesPerPath = new Map<string, number>();
  let total = 0;
  manifest.forEach((group: unknown, g: number) => {
    const where = `weightsManifest[${g}]`;
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) bad(`${where}: expected { paths: [...], weights: [...] }`);
    const { paths, weights } = group as { paths: unknown[]; weights: unknown[] };
    if (paths.length !== 1) bad(`${where}.paths: expected exactly one file`);
    const path = paths[0];
    if (typeof path !== 'string' || !SAFE_NAME.test(path) || path === MODEL_FILE)
      bad(`${where}.paths[0]: ${JSON.stringify(path)} is not a plain file name inside the model directory`);
    let groupBytes = 0;
    weights.forEach((w: unknown, i: number) => {
      const at = `${where}.weights[${i}]`;
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape)) bad(`${at}: expected { name, shape, dtype }`);
      const entry = w as unknown as WeightEntry;
      if (entry.dtype !== 'float32') bad(`${at} (${entry.name}): dtype ${JSON.stringify(entry.dtype)} is not supported, expected "float32"`);
      let count = 1;
      for (const d of entry.shape) {
        if (!Number.isInteger(d) || d < 0) bad(`${at} (${entry.name}): shape ${JSON.stringify(entry.shape)} must hold non-negative integers`);
        count *= d;
        if (count * 4 > maxBytes) bad(`${at} (${entry.name}): shape ${JSON.stringify(entry.shape)} exceeds the size limit of ${maxBytes} bytes (option maxWeightBytes of loadModel; raise it to load a model this large)`);
      }
      groupBytes += count * 4;
    });
    total += groupBytes;
    if (total > maxBytes) bad(`weights total more than the size limit of ${maxBytes} bytes (option maxWeightBytes of loadModel; raise it to load a model this large)`);
    bytesPerPath.set(path as string, (bytesPerPath.get(path as string) ?? 0) + groupBytes);
  });
  return { json: raw as unknown as ModelJson, bytesPerPath };
}

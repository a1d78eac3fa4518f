/**
 * A tfjs-layers model's files (`model.json` and the weight files its
 * manifest names) read from a model store: a directory, a URL, the files a
 * user chose. Sizes are checked before anything is read: model.json is
 * bounded, weight paths must be plain file names beside it, and their total
 * is bounded and must match the manifest.
 */
import { ConfigError, DEFAULT_MAX_WEIGHT_BYTES, ModelFileError, type ModelStore } from '@hourglass/core';
import { readTfjsLayers } from './read.js';
import type { PortableNetwork } from '../portable.js';

const MAX_JSON_BYTES = 64 * 1024 * 1024;
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/** Options of {@link readTfjsLayersStore}. */
export interface ReadStoreOptions {
  /** The topology file's name (default model.json). */
  json?: string;
  /** Largest total weight size accepted (default 2 GiB). */
  maxWeightBytes?: number;
}

async function sizeOf(store: ModelStore, name: string): Promise<number> {
  const size = await store.size(name);
  if (size === undefined) throw new ModelFileError('file not found', store.describe(name));
  return size;
}

/**
 * The portable network of the tfjs-layers model in `store`.
 *
 * @example
 * const net = await readTfjsLayersStore(directoryStore('exported/encoder'));
 */
export async function readTfjsLayersStore(store: ModelStore, options: ReadStoreOptions = {}): Promise<PortableNetwork> {
  const name = options.json ?? 'model.json';
  const where = store.describe(name);
  if ((await sizeOf(store, name)) > MAX_JSON_BYTES) throw new ModelFileError(`is larger than ${MAX_JSON_BYTES} bytes; not a model.json`, where);
  let json: { modelTopology?: unknown; weightsManifest?: Array<{ paths?: unknown; weights?: unknown }> };
  try {
    json = JSON.parse(new TextDecoder().decode(await store.read(name)));
  } catch (e) {
    throw new ModelFileError(`is not valid JSON (${(e as Error).message})`, where);
  }
  const manifest = Array.isArray(json.weightsManifest) ? json.weightsManifest : [];
  const limit = options.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  const paths: string[] = [];
  const specs: Array<{ name: string; shape: number[]; dtype: string }> = [];
  let total = 0;
  for (const [g, group] of manifest.entries()) {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new ConfigError(`${where}: weightsManifest[${g}] needs paths and weights lists`, { field: 'weightsManifest' });
    for (const path of group.paths) {
      if (typeof path !== 'string' || !PLAIN_NAME.test(path) || path === name)
        throw new ModelFileError(`weightsManifest[${g}]: ${JSON.stringify(path)} is not a plain file name beside model.json (no folders, no links out)`, where);
      total += await sizeOf(store, path);
      if (total > limit) throw new ModelFileError(`the weight files hold more than ${limit} bytes (option maxWeightBytes)`, where);
      paths.push(path);
    }
    specs.push(...(group.weights as typeof specs));
  }
  const weightData = await Promise.all(paths.map(async (p) => (await store.read(p)).slice().buffer as ArrayBuffer));
  return readTfjsLayers({ modelTopology: json.modelTopology, weightSpecs: specs, weightData });
}

/**
 * What `encode` and `detect` share: read the data, make sure the saved
 * model's variants are registered, select the backend, load the model and
 * apply its saved scaling to the data.
 */
import { readFile } from 'node:fs/promises';
import { loadModel, type Autoencoder } from '@hourglass/core';
import { readData, type ArrayDataset } from '@hourglass/data';
import { selectBackend, type BackendChoice } from '@hourglass/backends';
import { readOptions, type DataFlags } from './data.js';
import { savedScaler } from './scaling.js';
import { ensureVariants, importPlugins } from './variants.js';

/** A saved model with data prepared for it. */
export interface ModelAndData {
  model: Autoencoder;
  /** The data as read. */
  raw: ArrayDataset;
  /** The data after the model's saved scaling (the same object when it has none). */
  data: ArrayDataset;
  scaled: boolean;
}

/** Opens the model directory `model` and the data `--data` names, on `backend`. */
export async function openModelAndData(opts: DataFlags & { model: string; data: string; backend: BackendChoice; plugin?: string[] }): Promise<ModelAndData> {
  await importPlugins(opts.plugin ?? []);
  // A missing or broken model.json is reported by loadModel below, with its path.
  const json = JSON.parse(await readFile(`${opts.model}/model.json`, 'utf8').catch(() => '{}'));
  await ensureVariants((json.recipe?.variants ?? []).map((v: { name: string }) => v.name));
  const raw = readData(opts.data, readOptions(opts));
  await selectBackend(opts.backend);
  const model = await loadModel(opts.model);
  const scaler = savedScaler(model.scaling);
  return { model, raw, data: scaler ? scaler.transform(raw) : raw, scaled: Boolean(scaler) };
}

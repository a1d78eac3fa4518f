/**
 * What `forecast`, `evaluate` and `detect` share for a model trained on a
 * series (`train --window`): the model's description is read first (a model
 * without `metadata.series` is refused, naming the command and the flag
 * that makes one), the series are read with the model's columns (by name,
 * any order; a file that lacks one is named with the column), the model is
 * loaded and its saved scaling applied, refusing values it turns into
 * Infinity or NaN. The split of each series is recut from the saved
 * fractions, so the test range is the one training held out.
 */
import { loadModel, readModelJson, type Autoencoder } from '@hourglass/core';
import { splitSeries, type ArrayDataset, type Scaler, type SeriesSplit } from '@hourglass/data';
import { selectBackend, type BackendChoice } from '@hourglass/backends';
import { readOptions, type DataFlags } from './data.js';
import { UsageError } from './exit-codes.js';
import { alignColumns } from './feature-columns.js';
import { assertFiniteScaled } from './finite.js';
import { readModelMetadata, type ModelMetadata } from './model-metadata.js';
import { savedScaler } from './scaling.js';
import { readSeriesFlag } from './series-files.js';
import type { SeriesMetadata } from './series-metadata.js';
import { ensureVariants, importPlugins } from './variants.js';

/** A series model with the series prepared for it. */
export interface SeriesModelAndData {
  model: Autoencoder;
  metadata: ModelMetadata & { series: SeriesMetadata };
  series: SeriesMetadata;
  modelFile: string;
  /** The name of each series (its file). */
  files: string[];
  /** Each series as read (data units), its columns in the model's order. */
  raw: ArrayDataset[];
  /** Each series after the model's saved scaling (the same objects when it has none). */
  scaled: ArrayDataset[];
  scaler?: Scaler;
  /** Feature names (c0, c1, ... when the data has none). */
  columns: string[];
}

/** The options every series command takes. */
export type SeriesModelOptions = DataFlags & { model: string; data: string; backend: BackendChoice; plugin?: string[] };

const modelFileOf = (dir: string) => `${dir.replace(/[\\/]+$/, '')}/model.json`;

/**
 * The checked metadata of the model in `dir`, without loading its weights.
 *
 * @example
 * if ((await savedMetadata('run/model')).series) ... // a series model
 */
export async function savedMetadata(dir: string): Promise<ModelMetadata> {
  return readModelMetadata((await readModelJson(dir)).metadata, modelFileOf(dir));
}

/**
 * Opens the series model `opts.model` and the series `opts.data` for `command`.
 *
 * @example
 * const { model, scaled, series } = await openSeriesModel({ model: 'run/model', data: 'load.csv', backend: 'cpu' }, 'forecast');
 */
export async function openSeriesModel(opts: SeriesModelOptions, command: string): Promise<SeriesModelAndData> {
  await importPlugins(opts.plugin ?? []);
  const modelFile = modelFileOf(opts.model);
  const json = await readModelJson(opts.model);
  const metadata = readModelMetadata(json.metadata, modelFile);
  const series = metadata.series;
  if (!series) throw new UsageError(`${command} needs a model trained on a time series, and ${modelFile} was not: train one with --window (and --horizon to forecast)`);
  if (opts.window !== undefined && opts.window !== series.window)
    throw new UsageError(`--window ${opts.window}: the model was trained on windows of ${series.window} steps; leave --window out, the model's is used`);
  if (opts.stride !== undefined) throw new UsageError(`--stride: ${command} scores every window of a series model (stride 1); leave --stride out`);
  await ensureVariants(json.recipe.variants.map((v) => (v as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === 'string'));
  const columns = opts.columns ?? metadata.columns?.join(',');
  const raw = readSeriesFlag(opts.data, readOptions({ ...opts, columns, window: undefined })).map((ds) => alignColumns(ds, metadata.columns, ds.name));
  const files = raw.map((ds) => ds.name);
  const names = raw[0].columns ?? metadata.columns ?? Array.from({ length: raw[0].sampleShape[0] }, (_, j) => `c${j}`);
  await selectBackend(opts.backend);
  const model = await loadModel(opts.model);
  const scaler = savedScaler(model.scaling);
  try {
    const scaled = scaler ? raw.map((ds) => scaler.transform(ds)) : raw;
    if (scaler) scaled.forEach((ds, k) => assertFiniteScaled(raw[k].x, ds.x, ds.n, scaler, (j) => `column ${JSON.stringify(names[j % names.length])}`, files[k]));
    return { model, metadata: { ...metadata, series }, series, modelFile, files, raw, scaled, scaler, columns: names };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/**
 * The parts of `parts` under the model's saved split (the test range last in each series).
 * Windows cut from them count their starts in their own series.
 *
 * @example
 * const { test, ranges } = savedSplit(raw, series); // ranges[k].test: where the test range of series k lies
 */
export function savedSplit(parts: ArrayDataset[], series: SeriesMetadata): SeriesSplit {
  return splitSeries(parts, { ...series.split, window: series.window, horizon: series.horizon });
}

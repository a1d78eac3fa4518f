/**
 * What the commands on a saved model share: read the saved model's description
 * (bounded and validated, before anything heavy), make sure its variants are
 * registered, read the data and match its columns to the model's by name,
 * select the backend, load the model and apply its saved scaling, refusing
 * data the scaling turns into Infinity or NaN; a conditional model gets each
 * sample's class from the data's labels.
 */
import { loadModel, readModelJson, type Autoencoder } from '@hourglass/core';
import { readData, type ArrayDataset, type Scaler } from '@hourglass/data';
import { selectBackend, type BackendChoice } from '@hourglass/backends';
import { readOptions, type DataFlags } from './data.js';
import { alignColumns } from './feature-columns.js';
import { assertFiniteScaled } from './finite.js';
import { readModelMetadata, type ModelMetadata } from './model-metadata.js';
import { savedScaler } from './scaling.js';
import { withConditions } from './class-names.js';
import { ensureVariants, importPlugins } from './variants.js';
import { UsageError } from './exit-codes.js';
import { rowsOf } from './shard.js';

/** The flags of a command that runs a saved model on data: the model folder, the data and how to read it, plug-ins, backend. */
export interface SavedModelDataFlags extends DataFlags {
  model: string;
  data: string;
  plugin?: string[];
  backend: BackendChoice;
}

/** A saved model with data prepared for it. */
export interface ModelAndData {
  model: Autoencoder;
  /** The data as read, its named columns in the model's order. */
  raw: ArrayDataset;
  /** The data after the model's saved scaling (the same object when it has none). */
  data: ArrayDataset;
  /** The model's saved scaling, if any. */
  scaler?: Scaler;
  scaled: boolean;
  /** The CLI's fields of the model's metadata, validated. */
  metadata: ModelMetadata;
  /** The model's model.json, for messages. */
  modelFile: string;
  /** Names an entry of a sample in messages: `column "b"`, or `entry 3`. */
  column: (entry: number) => string;
}

/** A saved model's description, read and checked before anything heavy. */
export interface SavedDescription {
  json: Awaited<ReturnType<typeof readModelJson>>;
  metadata: ModelMetadata;
  modelFile: string;
}

/**
 * Reads the model directory's model.json (bounded and validated) and makes
 * sure its variants are registered, importing `--plugin` modules first.
 *
 * @example
 * const { json, metadata } = await describeSavedModel({ model: 'run/model' });
 */
export async function describeSavedModel(opts: { model: string; plugin?: string[] }): Promise<SavedDescription> {
  await importPlugins(opts.plugin ?? []);
  const modelFile = `${opts.model.replace(/[\\/]+$/, '')}/model.json`;
  const json = await readModelJson(opts.model);
  const metadata = readModelMetadata(json.metadata, modelFile);
  await ensureVariants(json.recipe.variants.map((v) => (v as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === 'string'));
  return { json, metadata, modelFile };
}

/**
 * Opens the model directory `model` without data, on `backend`, with its saved scaling.
 *
 * @example
 * const { model, scaler } = await openSavedModel({ model: 'run/model', backend: 'cpu' });
 * model.dispose();
 */
export async function openSavedModel(opts: { model: string; backend: BackendChoice; plugin?: string[] }): Promise<SavedDescription & { model: Autoencoder; scaler?: Scaler }> {
  const description = await describeSavedModel(opts);
  await selectBackend(opts.backend);
  const model = await loadModel(opts.model);
  return { ...description, model, scaler: savedScaler(model.scaling) };
}

/**
 * `ds` with each sample's class for a conditional `model` (from the data's
 * labels, matched to the model's classes by name), or `ds` itself; `what`
 * names the data in errors. Call it again on rows selected from such data.
 *
 * @example
 * const part = conditionedFor(model, metadata, selectRows(data, rows), 'mnist');
 */
export function conditionedFor(model: Autoencoder, metadata: ModelMetadata, ds: ArrayDataset, what: string): ArrayDataset {
  if (!model.isConditional) return ds;
  const classes = metadata.classNames ?? Array.from({ length: model.conditionClasses }, (_, i) => String(i));
  return withConditions(ds, classes, what, `the model is conditioned on ${model.conditionClasses} classes`);
}

/**
 * Names entry `entry` of a sample in messages: its column among `names`
 * (repeating for samples of several rows), else its index.
 *
 * @example
 * columnNamer(['a', 'b'])(3); // 'column "b"'
 */
export function columnNamer(names: readonly string[] | undefined): (entry: number) => string {
  return (entry) => (names?.length ? `column ${JSON.stringify(names[entry % names.length])}` : `entry ${entry}`);
}

/**
 * Opens the model directory `model` and the data `--data` names, on `backend`.
 *
 * @example
 * const { model, data } = await openModelAndData({ model: 'run/model', data: 'new.csv', backend: 'cpu' });
 * const scores = await scoreAll(model, data);
 * model.dispose();
 */
export async function openModelAndData(opts: SavedModelDataFlags): Promise<ModelAndData> {
  const { metadata, modelFile } = await describeSavedModel(opts);
  if (metadata.recommender)
    throw new UsageError(`${opts.model} is a recommender (trained on a ratings file): its rows are built from a ratings file's ids, so use hourglass recommend or hourglass evaluate with it`);
  // a model trained on a series reads windows of its own length unless --window says otherwise
  const raw = alignColumns(readData(opts.data, readOptions({ ...opts, window: opts.window ?? metadata.series?.window })), metadata.columns, opts.data);
  const column = columnNamer(raw.columns ?? metadata.columns);
  await selectBackend(opts.backend);
  const model = await loadModel(opts.model);
  const scaler = savedScaler(model.scaling);
  try {
    const scaled = scaler ? scaler.transform(raw) : raw;
    if (scaler) assertFiniteScaled(raw.x, scaled.x, raw.n, scaler, column, opts.data);
    // a conditional model reads each sample's class from the data's labels, matched to its classes by name
    const data = conditionedFor(model, metadata, scaled, opts.data);
    return { model, raw, data, scaler, scaled: Boolean(scaler), metadata, modelFile, column };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/**
 * The rows [from, to) of opened data (as read and as the model sees it,
 * classes included for a conditional model); `what` names the data in errors.
 *
 * @example
 * const mine = rowsOfModelData(opened, shardRange(shard, opened.raw.n), opts.data);
 */
export function rowsOfModelData(opened: ModelAndData, range: [number, number], what: string): ModelAndData {
  if (range[0] === 0 && range[1] === opened.raw.n) return opened;
  return { ...opened, raw: rowsOf(opened.raw, range), data: conditionedFor(opened.model, opened.metadata, rowsOf(opened.data, range), what) };
}

/**
 * The setup of `hourglass train`, before the run directory is claimed:
 * plug-ins and variants (composed once, so configuration errors come before
 * any slow step), the data with its fitted scaling (with `--window` a
 * series split by time, series-training.ts), the backend and the
 * run directory's name; then the model, refused early when its loss cannot
 * learn the data, and the run's config.json.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Autoencoder, ConfigError, composeVariants, lossFitsData, type Composition, type VariantChoice } from '@hourglass/core';
import type { Scaler } from '@hourglass/data';
import { selectBackend, type BackendReport } from '@hourglass/backends';
import { loadTrainingData, readOptions, type TrainingData } from './data.js';
import type { ModelMetadata } from './model-metadata.js';
import { variantChoices } from './options.js';
import { checkResumable, startedEpochs } from './resume.js';
import { optimizerOf, scheduleOf } from './train-recipe.js';
import { fitScaling } from './scaling.js';
import { checkSeriesFlags, seriesTarget } from './series-flags.js';
import { loadSeriesTraining, type SeriesTraining } from './series-training.js';
import { streams } from './stream-plan.js';
import { loadStreamTraining, type StreamTraining } from './stream-training.js';
import { ensureVariants, importPlugins } from './variants.js';
import { classNamesOf, withConditions } from './class-names.js';
import type { TrainCommandOptions } from './commands/train.js';

/** What a training run is set up with. */
export interface TrainSetup {
  variants: VariantChoice[];
  composition: Composition;
  /** The data, scaled when a scaling applies. */
  data: TrainingData;
  /** Fraction of the training split held out for validation (0: none). */
  valSplit: number;
  scaler?: Scaler;
  /** Set with --window: the data is a series, split by time. */
  series?: SeriesTraining;
  /** Set when the file streams (--stream, or a file too large to hold): `data` then holds no training rows, only the first test rows. */
  stream?: StreamTraining;
  backend: BackendReport;
  outDir: string;
  /** With --conditional: the classes the model is conditioned on (index -> name); the data then carries `condition`. */
  classNames?: string[];
  /** With --resume: the --epochs the run was started (or last resumed) with, from its config.json. */
  startedEpochs?: number;
}

/**
 * Checks the flags, loads and scales the data, selects the backend and names the run directory.
 *
 * @example
 * const setup = await prepareTraining(opts); // setup.outDir: runs/<time>-undercomplete unless --out
 */
export async function prepareTraining(opts: TrainCommandOptions): Promise<TrainSetup> {
  checkSeriesFlags(opts);
  if (opts.resume) await checkResumable(opts.out);
  const { variants, composition } = await resolveVariants(opts); // configuration errors before any slow step
  // Early stopping picks an epoch on the validation data, so that must not be
  // the test split: with --patience a part of the training split is held out.
  const valSplit = opts.valSplit ?? (opts.patience > 0 ? 0.1 : 0);
  const stream = opts.window === undefined && streams(opts.data, opts) ? await loadStream(opts, valSplit) : undefined;
  const series = opts.window !== undefined ? loadSeriesTraining(opts, valSplit) : undefined;
  const raw = series || stream ? undefined : loadTrainingData(opts.data, { limit: opts.limit, validation: valSplit, read: readOptions(opts) });
  const scaler = series ? series.scaler : stream ? stream.scaler : fitScaling(opts.scale, raw!.train);
  const data = series
    ? series.data
    : stream
      ? streamData(stream)
      : scaler
        ? { ...raw!, train: scaler.transform(raw!.train), validation: raw!.validation && scaler.transform(raw!.validation), test: raw!.test && scaler.transform(raw!.test) }
        : raw!;
  if (opts.conditionEmbedding !== undefined && !opts.conditional)
    throw new ConfigError('--condition-embedding applies to a conditional model; add --conditional', { field: 'condition-embedding' });
  const classNames = opts.conditional ? conditionClassNames(opts, data) : undefined;
  if (classNames) {
    const to = (ds: TrainingData['train'], part: string) => withConditions(ds, classNames, `${data.name} (${part} split)`);
    data.train = to(data.train, 'train');
    if (data.validation) data.validation = to(data.validation, 'validation');
    if (data.test) data.test = to(data.test, 'test');
  }
  const backend = await selectBackend(opts.backend);
  const outDir = opts.out ?? defaultRunDirectory(variants);
  const started = opts.resume ? await startedEpochs(outDir) : undefined;
  return { variants, composition, data, valSplit, scaler, ...(series ? { series } : {}), ...(stream ? { stream } : {}), backend, outDir, ...(classNames ? { classNames } : {}), ...(started !== undefined ? { startedEpochs: started } : {}) };
}

/** The streamed data, refusing the flags that need the whole file in memory. */
async function loadStream(opts: TrainCommandOptions, valSplit: number): Promise<StreamTraining> {
  const refuse = (flag: string, why: string) => new ConfigError(`${flag} does not apply to a streamed file (--stream, or a file larger than a quarter of the memory budget): ${why}`, { field: 'stream' });
  if (opts.conditional) throw refuse('--conditional', 'the classes are read from the labels in memory');
  if (opts.limit !== undefined) throw refuse('--limit', 'a streamed file is trained whole; cut a smaller file instead');
  return loadStreamTraining(opts, valSplit);
}

/** What `data` holds of a streamed file: no training rows (their shape and columns only) and the first test rows, for the pictures. */
function streamData(stream: StreamTraining): TrainingData {
  const header = { name: `${stream.name}/train`, x: new Float32Array(0), n: 0, sampleShape: [...stream.sampleShape], ...(stream.columns ? { columns: stream.columns } : {}) };
  return { name: stream.name, train: header, test: stream.preview, split: stream.split };
}

/**
 * The variants of `--variant` with the architecture flags and `--set`
 * entries applied (plug-ins imported first), composed once so that
 * configuration errors come before any slow step.
 *
 * @example
 * const { variants, composition } = await resolveVariants(opts);
 */
export async function resolveVariants(opts: TrainCommandOptions): Promise<{ variants: VariantChoice[]; composition: Composition }> {
  await importPlugins(opts.plugin);
  await ensureVariants(opts.variant.split(',').map((v) => v.trim()).filter(Boolean));
  const variants = variantChoices(opts.variant, { latent: opts.latent, hidden: opts.hidden, loss: opts.loss }, opts.set);
  return { variants, composition: composeVariants(variants) };
}

/** The default run directory: runs/<time>-<variants>. */
export const defaultRunDirectory = (variants: VariantChoice[]): string =>
  join('runs', `${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}-${variants.map((v) => v.name).join('+')}`);

/** The classes of `--conditional`: those of every split's labels, refused for series and unlabelled data. */
function conditionClassNames(opts: TrainCommandOptions, data: TrainingData): string[] {
  if (opts.window !== undefined) throw new ConfigError('--conditional needs labelled samples; it does not apply to series windows (--window)', { field: 'conditional' });
  const parts = [data.train, data.validation, data.test].filter((d) => d !== undefined);
  const names = parts.map((d) => classNamesOf(d, data.name)).reduce((a, b) => (b.length > a.length ? b : a));
  if (names.length < 2) throw new ConfigError(`${data.name}: every sample has the same label, so --conditional has nothing to condition on`, { field: 'conditional' });
  return names;
}

/**
 * The model of the run, with the metadata and scaling it is saved with.
 * Refuses binary cross-entropy on data outside [0, 1], naming the flags that fix it.
 *
 * @example
 * const model = createTrainModel(setup, opts);
 */
export function createTrainModel(setup: TrainSetup, opts: TrainCommandOptions): Autoencoder {
  const { data, scaler } = setup;
  const target = setup.series && seriesTarget(opts, data.train.sampleShape[1]);
  const condition = setup.classNames && { classes: setup.classNames.length, ...(opts.conditionEmbedding ? { embedding: opts.conditionEmbedding } : {}) };
  const recipe = { inputShape: data.train.sampleShape, variants: setup.variants, seed: opts.seed, ...(target ? { target } : {}), ...(condition ? { condition } : {}), ...(opts.residual ? { residual: true } : {}) };
  const model = Autoencoder.create(recipe, { maxParameters: opts.maxParameters, composition: setup.composition });
  if (!lossFitsData(model.loss, setup.stream?.range ?? data.train.x)) {
    const loss = model.loss;
    model.dispose();
    if (loss === 'multinomial')
      throw new ConfigError(`${data.name}: the multinomial loss reads counts or clicks, which cannot be negative, and this data has negative values with --scale ${opts.scale}; use --scale minmax (or none on counts), or --loss mse`);
    throw new ConfigError(`${data.name}: binary cross-entropy needs data in [0, 1], and this data leaves it with --scale ${opts.scale}; use --scale minmax (or auto), or --loss mse`);
  }
  // the feature names let encode and detect read a file's columns by name
  // a series model also keeps its window, horizon and split for forecast, detect and evaluate
  const series = setup.series && { ...setup.series.series, ...(opts.season !== undefined ? { season: opts.season } : {}) };
  const metadata: ModelMetadata = {
    dataset: data.name,
    ...(data.train.columns ? { columns: data.train.columns } : {}),
    ...(series ? { series } : {}),
    ...(setup.classNames ? { classNames: setup.classNames } : {}),
  };
  model.metadata = { ...metadata };
  model.scaling = scaler?.toJSON();
  return model;
}

/**
 * Writes the run's config.json (data, scaling, backend, recipe and training settings).
 *
 * @example
 * await writeRunConfig(setup, model, opts);
 */
export async function writeRunConfig(setup: TrainSetup, model: Autoencoder, opts: TrainCommandOptions): Promise<void> {
  const { data, scaler, backend, valSplit, outDir } = setup;
  await writeConfigFile(outDir, { data: data.name, split: data.split, scaling: scaler?.toJSON().kind ?? 'none', backend: backend.name, valSplit }, model, opts);
}

/** What a run's config.json says of its data beside the model and the training flags. */
export interface RunFacts {
  data: string;
  split: unknown;
  scaling: string;
  backend: string;
  valSplit: number;
}

/**
 * Writes config.json: the data facts, the recipe, and the training settings of the flags.
 *
 * @example
 * await writeConfigFile('runs/x', { data: 'u.data', split: { test: 0.1 }, scaling: 'none', backend: 'node', valSplit: 0 }, model, opts);
 */
export async function writeConfigFile(outDir: string, facts: RunFacts, model: Autoencoder, opts: TrainCommandOptions): Promise<void> {
  const { valSplit, ...data } = facts;
  const config = {
    ...data,
    recipe: model.recipe,
    parameters: model.parameterCount,
    train: { epochs: opts.epochs, batchSize: opts.batchSize, optimizer: optimizerOf(opts), schedule: scheduleOf(opts), seed: opts.seed, patience: opts.patience, valSplit, clipNorm: opts.clipNorm },
  };
  await writeFile(join(outDir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
}

/**
 * `hourglass train`: data in, run directory out (saved model, resolved
 * config, per-epoch metrics, a PNG of test inputs above their
 * reconstructions, for generative models a PNG of samples from the prior,
 * and for 2-D codes a scatter plot of the test codes coloured by label),
 * with a JSON summary on stdout under `--json`.
 */
import { writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Autoencoder, ConfigError, DivergedError, isHourglassError, calibrateThreshold, composeVariants, evaluate, saveModel, scoreAll, tf, train } from '@hourglass/core';
import type { AnomalyMetadata, ModelMetadata } from '../model-metadata.js';
import { selectBackend, type BackendChoice } from '@hourglass/backends';
import { loadTrainingData, readOptions, type DataFlags } from '../data.js';
import { variantChoices } from '../options.js';
import { gridPng, imageShapeOf, scatterPng } from '../png.js';
import { EXIT } from '../exit-codes.js';
import { progressReporter } from '../progress.js';
import { claimRunDirectory } from '../run-directory.js';
import { fitScaling, outsideUnit, type ScalingChoice } from '../scaling.js';
import { ensureVariants, importPlugins } from '../variants.js';
import { checkResumable, keepMetricsBefore } from '../resume.js';

/** Options of `hourglass train` (already parsed from flags). */
export interface TrainCommandOptions extends DataFlags {
  data: string;
  variant: string;
  epochs: number;
  batchSize: number;
  latent?: number;
  hidden?: number[];
  loss?: string;
  lr: number;
  optimizer: string;
  seed: number;
  out?: string;
  backend: BackendChoice;
  json: boolean;
  set: string[];
  plugin: string[];
  patience: number;
  /** Fraction of the training split held out for validation (default 0.1 with patience, else 0). */
  valSplit?: number;
  clipNorm: number;
  resume: boolean;
  quiet: boolean;
  limit?: number;
  /** Largest model accepted, in parameters (checked before allocating). */
  maxParameters: number;
  scale: ScalingChoice;
  contamination?: number;
}

/** The JSON summary printed with `--json`. */
export interface TrainSummary {
  backend: string;
  variants: string[];
  epochs: number;
  trainLoss: number;
  /** Validation loss of the epoch whose weights were saved. */
  valLoss: number | null;
  /** What validated: a held-out fraction of the training split, or the test split (monitoring only). */
  validation: string | null;
  testLoss: number | null;
  samplesPerSec: number;
  parameters: number;
  stopReason: string;
  anomalyThreshold: number | null;
  outDir: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};

/** Runs a training job; returns the process exit code. */
export async function trainCommand(opts: TrainCommandOptions): Promise<number> {
  if (opts.resume) await checkResumable(opts.out);
  await importPlugins(opts.plugin);
  await ensureVariants(opts.variant.split(',').map((v) => v.trim()).filter(Boolean));
  const variants = variantChoices(opts.variant, { latent: opts.latent, hidden: opts.hidden, loss: opts.loss }, opts.set);
  composeVariants(variants); // configuration errors before any slow step
  const raw = loadTrainingData(opts.data, { limit: opts.limit, read: readOptions(opts) });
  const scaler = fitScaling(opts.scale, raw.train);
  const data = scaler ? { ...raw, train: scaler.transform(raw.train), test: raw.test && scaler.transform(raw.test) } : raw;
  const backend = await selectBackend(opts.backend);
  const outDir = opts.out ?? join('runs', `${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}-${variants.map((v) => v.name).join('+')}`);
  await using _run = await claimRunDirectory(outDir); // locked until this function returns or throws

  const model = Autoencoder.create({ inputShape: data.train.sampleShape, variants, seed: opts.seed }, { maxParameters: opts.maxParameters });
  if (model.loss === 'bce' && outsideUnit(data.train.x)) {
    model.dispose();
    throw new ConfigError(`${data.name}: binary cross-entropy needs data in [0, 1], and this data leaves it with --scale ${opts.scale}; use --scale minmax (or auto), or --loss mse`);
  }
  // the feature names let encode and detect read a file's columns by name
  const metadata: ModelMetadata = { dataset: data.name, ...(data.train.columns ? { columns: data.train.columns } : {}) };
  model.metadata = { ...metadata };
  model.scaling = scaler?.toJSON();
  // Early stopping picks an epoch on the validation data, so that must not be
  // the test split: with --patience a part of the training split is held out.
  const valSplit = opts.valSplit ?? (opts.patience > 0 ? 0.1 : 0);
  const validation = valSplit > 0 ? `${valSplit} of the training split` : data.test ? 'the test split (monitoring only)' : null;
  const config = {
    data: data.name,
    split: data.split,
    scaling: scaler?.toJSON().kind ?? 'none',
    backend: backend.name,
    recipe: model.recipe,
    parameters: model.parameterCount,
    train: { epochs: opts.epochs, batchSize: opts.batchSize, optimizer: { name: opts.optimizer, learningRate: opts.lr }, seed: opts.seed, patience: opts.patience, valSplit, clipNorm: opts.clipNorm },
  };
  await writeFile(join(outDir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  const metricsFile = join(outDir, 'metrics.jsonl');
  if (!opts.resume) await writeFile(metricsFile, '');

  if (!opts.quiet)
    process.stderr.write(
      `hourglass: ${model.variantNames.join(' + ')} on ${data.name} (${data.train.n} train / ${data.test?.n ?? 0} test; validation: ${validation ?? 'none'}), ${model.parameterCount.toLocaleString('en-US')} parameters, backend ${backend.name}\n`,
    );
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const report = progressReporter(process.stderr, opts.quiet);
  const result = await train(model, data.train, {
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    seed: opts.seed,
    optimizer: { name: opts.optimizer as 'adam', learningRate: opts.lr },
    clipNorm: opts.clipNorm,
    earlyStopping: { patience: opts.patience },
    validation: valSplit > 0 ? undefined : data.test,
    validationSplit: valSplit,
    checkpoint: join(outDir, 'checkpoint'),
    resume: opts.resume,
    signal: abort.signal,
    onEvent: async (e) => {
      report(e);
      // On resume, metrics.jsonl keeps only the epochs the checkpoint holds.
      if (e.type === 'start' && opts.resume) await keepMetricsBefore(metricsFile, e.startEpoch);
      if (e.type === 'epoch') {
        await appendFile(metricsFile, JSON.stringify(e.metrics) + '\n');
      }
    },
  })
    .catch((e) => {
      if (!isHourglassError(e) || e.code !== 'DIVERGED') throw e;
      throw new DivergedError(`${e.problem}; no model was saved`, { hint: e.hint });
    })
    .finally(() => process.off('SIGINT', onSigint));

  if (opts.contamination !== undefined) {
    const anomaly: AnomalyMetadata = { threshold: calibrateThreshold(await scoreAll(model, data.train), opts.contamination), contamination: opts.contamination, calibratedOn: `${data.train.n} training samples` };
    model.metadata.anomaly = anomaly;
  }
  await saveModel(model, join(outDir, 'model'));
  const testLoss = data.test ? await evaluate(model, data.test) : null;
  const shape = imageShapeOf(data.train.sampleShape);
  if (shape && data.test) {
    const count = Math.min(10, data.test.n);
    const per = data.test.x.length / data.test.n;
    const inputs = data.test.x.slice(0, count * per);
    const x = tf.tensor(inputs, [count, ...data.test.sampleShape]);
    const recon = model.reconstruct(x);
    const out = (await recon.data()) as Float32Array;
    x.dispose();
    recon.dispose();
    await writeFile(join(outDir, 'reconstructions.png'), gridPng([inputs, out], count, shape));
    if (model.composition.latent?.plugin.prior) {
      const samples = model.generate(20, opts.seed);
      const values = (await samples.data()) as Float32Array;
      samples.dispose();
      const half = values.length / 2;
      await writeFile(join(outDir, 'samples.png'), gridPng([values.slice(0, half), values.slice(half)], 10, shape));
    }
  }
  if (data.test && model.codeShape.length === 1 && model.codeShape[0] === 2) {
    const x = tf.tensor(data.test.x, [data.test.n, ...data.test.sampleShape]);
    const codes = model.encode(x);
    const points = (await codes.data()) as Float32Array;
    x.dispose();
    codes.dispose();
    await writeFile(join(outDir, 'latent.png'), scatterPng(points, data.test.labels));
  }
  const last = result.history[result.history.length - 1];
  const kept = result.history.find((m) => m.epoch === result.bestEpoch) ?? last;
  const timed = result.history.slice(1).map((m) => m.samplesPerSec);
  const summary: TrainSummary = {
    backend: backend.name,
    variants: model.variantNames,
    epochs: result.history.length,
    trainLoss: last?.terms.reconstruction ?? NaN,
    valLoss: kept?.valLoss ?? null,
    validation,
    testLoss,
    samplesPerSec: median(timed.length ? timed : result.history.map((m) => m.samplesPerSec)),
    parameters: model.parameterCount,
    stopReason: result.stopReason,
    anomalyThreshold: (model.metadata.anomaly as AnomalyMetadata | undefined)?.threshold ?? null,
    outDir,
  };
  await writeFile(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  model.dispose();
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else if (!opts.quiet)
    process.stdout.write(
      `done: test loss ${testLoss?.toFixed(4) ?? 'n/a'} (${model.loss} per entry), ${Math.round(summary.samplesPerSec).toLocaleString('en-US')} samples/s; wrote ${outDir}\n`,
    );
  return result.stopReason === 'aborted' ? EXIT.interrupted : result.stopReason === 'diverged' ? EXIT.failure : EXIT.ok;
}

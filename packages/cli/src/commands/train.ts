/**
 * `hourglass train`: data in, run directory out (saved model, resolved
 * config, per-epoch metrics, a PNG of test inputs above their
 * reconstructions, for generative models a PNG of samples from the prior,
 * and for 2-D codes a scatter plot of the test codes coloured by label),
 * with a JSON summary on stdout under `--json`. Its steps, in order:
 * `train-setup.ts`, `train-fit.ts`, `train-pictures.ts`, `train-summary.ts`.
 * A ratings file takes the recommender path (recommender-training.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { calibrateAnomaly, ConfigError, evaluate, saveModel } from '@hourglass/core';
import type { BackendChoice } from '@hourglass/backends';
import type { DataFlags } from '../data.js';
import { EXIT } from '../exit-codes.js';
import { claimRunDirectory } from '../run-directory.js';
import type { ScalingChoice } from '../scaling.js';
import type { SeriesTrainFlags } from '../series-flags.js';
import { bufferRows, peakRssMB, type StreamFlags } from '../stream-plan.js';
import { calibrateStepThreshold } from '../series-scores.js';
import { createTrainModel, prepareTraining, writeRunConfig, type TrainSetup } from '../train-setup.js';
import { fitModel } from '../train-fit.js';
import { isRatingsData } from '../recommender-data.js';
import { trainRecommender } from '../recommender-training.js';
import { writePictures } from '../train-pictures.js';
import { reportSummary, trainSummary } from '../train-summary.js';

export type { TrainSummary } from '../train-summary.js';

/** Options of `hourglass train` (already parsed from flags). */
export interface TrainCommandOptions extends DataFlags, SeriesTrainFlags, StreamFlags {
  data: string;
  variant: string;
  epochs: number;
  batchSize: number;
  latent?: number;
  hidden?: number[];
  loss?: string;
  lr: number;
  optimizer: string;
  /** Adam's second-moment decay. */
  beta2: number;
  /** Learning-rate schedule: constant, or cosine (warmup to `lr`, then down to 0). */
  schedule: 'constant' | 'cosine';
  /** Epochs of warmup of the cosine schedule (default: a tenth of the epochs). */
  warmup?: number;
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
  /** Condition the model on the data's labels (a conditional model; with variational, the conditional VAE). */
  conditional?: boolean;
  /** With --conditional: width of a learned embedding of the class (default: the one-hot vector). */
  conditionEmbedding?: number;
  /** The decoder outputs a correction to the input (a residual model, for repairing light damage). */
  residual?: boolean;
  /** L2 penalty lambda: lambda x w added to every gradient (AutoRec's regularisation). */
  weightDecay?: number;
  /** Ratings files: read every kept interaction as a click (1), as for Mult-VAE (implied by a multinomial loss). */
  implicit?: boolean;
  /** Ratings files: keep only ratings at or above this (before ids are assigned). */
  minRating?: number;
  /** Ratings files: what one model row is, a user or an item (item-based AutoRec; default items for ratings, users for clicks). */
  rows?: 'users' | 'items';
  /** Ratings files: held-out fraction of each user's ratings, or of the users (clicks), or a count of users. */
  test?: number;
  /** Ratings files, clicks: fraction of a held-out user's clicks given to the model as input. */
  foldIn?: number;
  /** Ratings files: most interactions read. */
  maxInteractions?: number;
}

/** The line that says how a streamed file is read. */
const streamNotice = (stream: NonNullable<TrainSetup['stream']>, buffer: number) =>
  `streaming ${stream.name} (${(stream.file.bytes / 2 ** 20).toFixed(1)} MB): ${stream.file.chunked ? 'chunks in a random order' : 'file order (gzip cannot be read out of order)'} through a shuffle buffer of ${buffer.toLocaleString('en-US')} rows\n`;

/** Runs a training job; returns the process exit code. */
export async function trainCommand(opts: TrainCommandOptions): Promise<number> {
  // several series (--window a.csv,b.csv) are no ratings file; one file may be, and a ratings file with --window is refused there
  const seriesList = opts.window !== undefined && opts.data.includes(',') && !existsSync(opts.data);
  if (!seriesList && isRatingsData(opts)) {
    if (opts.stream) throw new ConfigError('--stream does not apply to a ratings file: its users x items rows are built in memory (the interactions themselves are read as a stream)', { field: 'stream' });
    return trainRecommender(opts);
  }
  const setup = await prepareTraining(opts);
  const { data, backend, outDir, valSplit } = setup;
  await using _run = await claimRunDirectory(outDir); // locked until this function returns or throws
  const model = createTrainModel(setup, opts);
  const { stream } = setup;
  // a streamed file is monitored on its validation part only: the test part would cost a pass of the file every epoch
  const validation = valSplit > 0 ? `${valSplit} of the training split` : data.test && !stream ? 'the test split (monitoring only)' : null;
  await writeRunConfig(setup, model, opts);
  const buffer = stream && bufferRows(opts, { sampleSize: stream.sampleShape.reduce((a, b) => a * b, 1), batchSize: opts.batchSize, parameters: model.parameterCount, baseline: process.memoryUsage().rss });
  const nTrain = stream ? stream.split.train : data.train.n;
  if (!opts.quiet)
    process.stderr.write(
      `hourglass: ${model.variantNames.join(' + ')} on ${data.name} (${nTrain} train / ${stream?.split.test ?? data.test?.n ?? 0} test; validation: ${validation ?? 'none'}), ${model.parameterCount.toLocaleString('en-US')} parameters, backend ${backend.name}\n`,
    );
  if (stream && !opts.quiet) process.stderr.write(streamNotice(stream, buffer!));
  const trainData = stream ? stream.shuffled(buffer!, opts.seed) : data.train;
  const result = await fitModel(model, trainData, stream ? stream.validation : (data.validation ?? data.test), opts, outDir, setup.startedEpochs);
  if (opts.contamination !== undefined)
    model.metadata.anomaly = setup.series
      ? await calibrateStepThreshold(model, setup.series.trainParts, setup.series.series, opts.contamination)
      : await calibrateAnomaly(model, stream ? stream.trainInOrder : data.train, opts.contamination, `${nTrain} training samples`);
  await saveModel(model, join(outDir, 'model'));
  const testLoss = stream ? (stream.split.test > 0 ? await evaluate(model, stream.test) : null) : data.test ? await evaluate(model, data.test) : null;
  if (!setup.series) await writePictures(model, data, outDir, opts.seed);
  const summary = {
    ...trainSummary(model, result, { backend: backend.name, validation, testLoss, outDir }),
    ...(stream ? { stream: { rows: stream.split.train + (stream.split.validation ?? 0) + stream.split.test, bytes: stream.file.bytes, bufferRows: buffer!, chunkShuffle: stream.file.chunked } } : {}),
    peakRssMB: peakRssMB(),
  };
  model.dispose();
  await reportSummary(summary, model.loss, opts);
  return result.stopReason === 'aborted' ? EXIT.interrupted : result.stopReason === 'diverged' ? EXIT.failure : EXIT.ok;
}

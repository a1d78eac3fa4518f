/**
 * The training itself in `hourglass train`: core's `train` with Ctrl-C as a
 * clean stop, progress on stderr, one metrics.jsonl line per epoch (cut
 * back to the checkpoint's epochs on resume), and a divergence before any
 * good epoch reported as "no model was saved".
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DivergedError, isHourglassError, train, type Autoencoder, type TrainData, type TrainResult } from '@hourglass/core';
import { progressReporter } from './progress.js';
import { keepMetricsBefore } from './resume.js';
import { optimizerOf, scheduleOf } from './train-recipe.js';
import type { TrainCommandOptions } from './commands/train.js';

/**
 * Trains `model` on `train`, validating on `validation` (none: no validation
 * loss), checkpointing into `outDir` and logging epochs to its metrics.jsonl.
 *
 * @example
 * const result = await fitModel(model, data.train, data.validation ?? data.test, opts, 'runs/x');
 */
export async function fitModel(model: Autoencoder, trainData: TrainData, validation: TrainData | undefined, opts: TrainCommandOptions, outDir: string): Promise<TrainResult> {
  const metricsFile = join(outDir, 'metrics.jsonl');
  if (!opts.resume) await writeFile(metricsFile, '');
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const report = progressReporter(process.stderr, opts.quiet);
  return train(model, trainData, {
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    seed: opts.seed,
    optimizer: optimizerOf(opts),
    schedule: scheduleOf(opts),
    clipNorm: opts.clipNorm,
    earlyStopping: { patience: opts.patience },
    validation,
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
}

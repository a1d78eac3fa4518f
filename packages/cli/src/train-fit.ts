/**
 * The training itself in `hourglass train`: core's `train` with Ctrl-C as a
 * clean stop, progress on stderr, one metrics.jsonl line per epoch (cut
 * back to the checkpoint's epochs on resume), a notice when a resume with
 * other `--epochs` re-derives the cosine curve, and a divergence before any
 * good epoch reported as "no model was saved".
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DivergedError, isHourglassError, train, type Autoencoder, type TrainData, type TrainResult } from '@hourglass/core';
import { progressReporter } from './progress.js';
import { keepMetricsBefore } from './resume.js';
import { epochsChangeNotice, optimizerOf, scheduleOf } from './train-recipe.js';
import type { TrainCommandOptions } from './commands/train.js';

/**
 * Trains `model` on `train`, validating on `validation` (none: no validation
 * loss), checkpointing into `outDir` and logging epochs to its metrics.jsonl.
 * `startedEpochs`: on resume, the `--epochs` the run was started with;
 * `onStart` hears the epoch the run starts at (a resumed stream takes up its pass there).
 *
 * @example
 * const result = await fitModel(model, data.train, data.validation ?? data.test, opts, 'runs/x');
 */
export async function fitModel(
  model: Autoencoder,
  trainData: TrainData,
  validation: TrainData | undefined,
  opts: TrainCommandOptions,
  outDir: string,
  startedEpochs?: number,
  onStart?: (startEpoch: number) => void,
): Promise<TrainResult> {
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
      if (e.type === 'start') onStart?.(e.startEpoch);
      // On resume, metrics.jsonl keeps only the epochs the checkpoint holds.
      if (e.type === 'start' && opts.resume) {
        await keepMetricsBefore(metricsFile, e.startEpoch);
        const notice = epochsChangeNotice(opts, startedEpochs, e.startEpoch);
        if (notice) process.stderr.write(notice);
      }
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

/**
 * The summary of a training run: summary.json in the run directory, and on
 * stdout either the same JSON (`--json`) or one line with the test loss and
 * the speed.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Autoencoder, TrainResult } from '@hourglass/core';
import { median } from './median.js';
import type { ModelMetadata } from './model-metadata.js';
import type { TrainCommandOptions } from './commands/train.js';

/** The JSON summary printed with `--json`. */
export interface TrainSummary {
  backend: string;
  variants: string[];
  epochs: number;
  /** The reconstruction loss of the last epoch (its prediction loss for a model that only predicts). */
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
  /** A streamed file: its rows and bytes, the shuffle buffer's rows, and whether its chunks were read in a random order. */
  stream?: { rows: number; bytes: number; bufferRows: number; chunkShuffle: boolean };
  /** The process's peak resident memory, in MB. */
  peakRssMB?: number;
  /** A recommender's figures on the held-out part of its split: rmse and mae (ratings), or recallAt20, recallAt50 and ndcgAt100 (clicks). */
  recommender?: { kind: 'ratings' | 'clicks'; rows: 'users' | 'items' } & Record<string, number | string>;
}

/** What the summary is made of besides the model and the training result. */
export interface SummaryFacts {
  backend: string;
  validation: string | null;
  testLoss: number | null;
  outDir: string;
}

/**
 * The summary of a run: losses of the last and of the kept epoch, the
 * median speed (the first epoch, which includes warm-up, left out), the
 * anomaly threshold.
 *
 * @example
 * const summary = trainSummary(model, result, { backend: 'wasm', validation: null, testLoss: 0.1, outDir: 'runs/x' });
 */
export function trainSummary(model: Autoencoder, result: TrainResult, facts: SummaryFacts): TrainSummary {
  const last = result.history[result.history.length - 1];
  const kept = result.history.find((m) => m.epoch === result.bestEpoch) ?? last;
  const timed = result.history.slice(1).map((m) => m.samplesPerSec);
  return {
    backend: facts.backend,
    variants: model.variantNames,
    epochs: result.history.length,
    trainLoss: last?.terms.reconstruction ?? last?.terms.prediction ?? NaN,
    valLoss: kept?.valLoss ?? null,
    validation: facts.validation,
    testLoss: facts.testLoss,
    samplesPerSec: median(timed.length ? timed : result.history.map((m) => m.samplesPerSec)),
    parameters: model.parameterCount,
    stopReason: result.stopReason,
    anomalyThreshold: (model.metadata as ModelMetadata).anomaly?.threshold ?? null,
    outDir: facts.outDir,
  };
}

/**
 * Writes summary.json and reports the run on stdout.
 *
 * @example
 * await reportSummary(summary, model.loss, opts);
 */
export async function reportSummary(summary: TrainSummary, loss: string, opts: Pick<TrainCommandOptions, 'json' | 'quiet'>): Promise<void> {
  await writeFile(join(summary.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else if (opts.quiet) return;
  else if (summary.recommender) process.stdout.write(`done: ${recommenderLine(summary.recommender)}; wrote ${summary.outDir}\n`);
  else
    process.stdout.write(
      `done: test loss ${summary.testLoss?.toFixed(4) ?? 'n/a'} (${loss} per entry), ${Math.round(summary.samplesPerSec).toLocaleString('en-US')} samples/s; wrote ${summary.outDir}\n`,
    );
}

/** A recommender's held-out figures in one line. */
function recommenderLine(r: NonNullable<TrainSummary['recommender']>): string {
  const f = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v));
  if (r.kind === 'ratings') return `RMSE ${f(r.rmse)}, MAE ${f(r.mae)} on ${Number(r.ratings).toLocaleString('en-US')} held-out ratings`;
  return `Recall@20 ${f(r.recallAt20)}, Recall@50 ${f(r.recallAt50)}, NDCG@100 ${f(r.ndcgAt100)} on ${Number(r.users).toLocaleString('en-US')} held-out users`;
}

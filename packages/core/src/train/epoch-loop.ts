/**
 * The epochs of a run, each one verified before it counts: the training
 * loss, the weights and the validation loss must be finite (else the run
 * has diverged), and only then are the weights kept as the last good ones,
 * the epoch recorded for early stopping, the learning rate scheduled and a
 * checkpoint written when one is due. Ends with how the run stopped.
 */
import type { Variable } from '@tensorflow/tfjs-core';
import { DivergedError } from '../errors.js';
import type { Autoencoder } from '../model/autoencoder.js';
import type { ModelStore } from '../model/store.js';
import type { TrainData } from './data.js';
import type { EpochMetrics, StopReason, TrainEvent } from './events.js';
import type { Optimizer } from './optimizers.js';
import { batchLearningRate, nextLearningRate } from './schedules.js';
import { writeCheckpoint, type TrainerState } from './checkpoint.js';
import type { DataFingerprint } from './fingerprint.js';
import { evaluate } from './evaluate.js';
import { Divergence, runEpoch } from './epoch.js';
import { allFinite } from './snapshots.js';
import { divergenceHint } from './run-end.js';
import type { RunState } from './run-state.js';
import type { TrainConfig } from './trainer.js';

/** Everything the epochs of a run need. */
export interface RunContext {
  model: Autoencoder;
  vars: Variable[];
  optimizer: Optimizer;
  cfg: TrainConfig;
  train: TrainData;
  validation?: TrainData;
  batchesPerEpoch?: number;
  checkpoint?: string | ModelStore;
  fingerprint?: DataFingerprint;
  signal?: AbortSignal;
  emit(e: TrainEvent): Promise<void>;
  run: RunState;
}

/** How a run stopped. */
export interface RunOutcome {
  stopReason: StopReason;
  message: string;
}

/** One epoch trained and validated; undefined when aborted. Throws `Divergence` on NaN or Inf. */
async function verifiedEpoch(c: RunContext, epoch: number): Promise<EpochMetrics | undefined> {
  const { cfg, vars, optimizer } = c;
  const learningRateAt = (batch: number) => batchLearningRate(cfg.schedule, cfg.optimizer.learningRate, { epoch, batch, batchesPerEpoch: c.batchesPerEpoch, epochs: cfg.epochs });
  const totals = await runEpoch({ model: c.model, vars, optimizer, data: c.train, epoch, batchSize: cfg.batchSize, seed: cfg.seed, shuffle: cfg.shuffle, clipNorm: cfg.clipNorm, logEvery: cfg.logEvery, batchesPerEpoch: c.batchesPerEpoch, learningRateAt, signal: c.signal, emit: c.emit });
  if (!Number.isFinite(totals.loss)) throw new Divergence(`the loss became ${totals.loss} in epoch ${epoch + 1} (by batch ${totals.batches})`);
  if (!(await allFinite(vars))) throw new Divergence(`the weights became NaN or Inf in epoch ${epoch + 1}`);
  if (totals.aborted) return undefined;
  const valLoss = c.validation ? await evaluate(c.model, c.validation, cfg.batchSize) : undefined;
  if (valLoss !== undefined && !Number.isFinite(valLoss)) throw new Divergence(`the validation loss became ${valLoss} in epoch ${epoch + 1}`);
  return {
    epoch,
    loss: totals.loss,
    terms: totals.terms,
    valLoss,
    learningRate: optimizer.learningRate,
    samplesPerSec: totals.seconds > 0 ? totals.samples / totals.seconds : 0,
    seconds: totals.seconds,
  };
}

/** Writes a checkpoint when one is due after `epoch`: every `checkpointEvery` epochs, after the last, and when early stopping ends the run. */
async function checkpointIfDue(c: RunContext, epoch: number, stopping: boolean): Promise<void> {
  const { cfg, run, optimizer } = c;
  if (!c.checkpoint || cfg.checkpointEvery === 0) return;
  if ((epoch + 1) % cfg.checkpointEvery !== 0 && epoch !== cfg.epochs - 1 && !stopping) return;
  const state: TrainerState = { epoch, history: run.history, schedule: run.schedule, best: run.best, learningRate: optimizer.learningRate, iterations: optimizer.iterations, data: c.fingerprint };
  await writeCheckpoint(c.checkpoint, c.model, optimizer, state, run.bestWeights);
  await c.emit({ type: 'checkpoint', epoch });
}

/**
 * Runs the epochs from `run.startEpoch` on. Returns how the run stopped;
 * throws `DivergedError` (after restoring the starting weights) when it
 * diverged before any epoch was good.
 *
 * @example
 * const { stopReason, message } = await runEpochs(context);
 */
export async function runEpochs(c: RunContext): Promise<RunOutcome> {
  const { cfg, run, optimizer } = c;
  const { patience, minDelta } = cfg.earlyStopping;
  const stoppedAfter = (epoch: number): RunOutcome => ({
    stopReason: 'early-stopping',
    message: `no improvement over ${run.best.value.toPrecision(5)} for ${patience} epochs; stopped after epoch ${epoch + 1}`,
  });
  // A checkpoint written when early stopping ended the run resumes to the same end, not to more epochs.
  if (run.startEpoch > 0 && run.patienceSpent(patience)) return stoppedAfter(run.startEpoch - 1);
  try {
    for (let epoch = run.startEpoch; epoch < cfg.epochs; epoch++) {
      const metrics = await verifiedEpoch(c, epoch);
      if (!metrics) return { stopReason: 'aborted', message: `aborted during epoch ${epoch + 1}` };
      run.keepGood(epoch);
      const monitored = metrics.valLoss ?? metrics.loss;
      const improved = run.record(metrics, monitored, minDelta);
      await c.emit({ type: 'epoch', metrics, best: improved });
      optimizer.learningRate = nextLearningRate(cfg.schedule, optimizer.learningRate, epoch, monitored, run.schedule);
      const spent = run.patienceSpent(patience);
      await checkpointIfDue(c, epoch, spent);
      if (spent) return stoppedAfter(epoch);
    }
  } catch (e) {
    if (!(e instanceof Divergence)) throw e;
    if (run.lastGoodEpoch < 0) {
      run.restoreLastGood();
      throw new DivergedError(`${e.message}, before any epoch ended with finite weights (the model keeps the weights it started with)`, {
        hint: divergenceHint(cfg.optimizer.learningRate),
      });
    }
    return { stopReason: 'diverged', message: e.message };
  }
  return { stopReason: 'completed', message: `trained ${cfg.epochs} epochs` };
}

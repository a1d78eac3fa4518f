/**
 * What a run keeps between epochs: the history, the early-stopping record
 * and the best weights, the learning-rate schedule's state, and the last
 * good weights with their epoch (-1: the weights the run started with),
 * which the model falls back to on divergence. A resumed run takes all of
 * it from the checkpoint. `dispose` releases every snapshot.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { EpochMetrics } from './events.js';
import type { RestoredCheckpoint } from './checkpoint.js';
import type { ScheduleState } from './schedules.js';
import { disposeAll, restore, snapshot } from './snapshots.js';

/** The state of one training run over its epochs. */
export class RunState {
  readonly history: EpochMetrics[] = [];
  /** First epoch to run (after a checkpoint, the one after it). */
  startEpoch = 0;
  /** Early stopping: best monitored loss, its epoch (-1 = none yet) and epochs since. */
  best = { value: Infinity, epoch: -1, wait: 0 };
  readonly schedule: ScheduleState = { best: Infinity, wait: 0 };
  /** The best epoch's weights, kept when early stopping restores them. */
  bestWeights: Tensor[] | undefined;
  private lastGood: Tensor[] | undefined;
  /** Epoch of the last good weights (-1: the weights the run started with). */
  lastGoodEpoch = -1;

  constructor(
    private readonly vars: Variable[],
    /** Whether the best epoch's weights are kept (early stopping restores them). */
    readonly keepBest: boolean,
  ) {}

  /** Takes the state of a restored checkpoint (the model and optimizer already hold its weights). */
  resumeFrom(restored: RestoredCheckpoint | undefined): void {
    if (!restored) return;
    const { state } = restored;
    this.startEpoch = state.epoch + 1;
    this.lastGoodEpoch = state.epoch;
    this.history.push(...state.history);
    Object.assign(this.schedule, state.schedule);
    this.best = { ...state.best };
    if (this.keepBest) this.bestWeights = restored.bestWeights;
    else disposeAll(restored.bestWeights);
  }

  /** Keeps the model's current weights as the ones to fall back to, from epoch `epoch`. */
  keepGood(epoch: number): void {
    disposeAll(this.lastGood);
    this.lastGood = snapshot(this.vars);
    this.lastGoodEpoch = epoch;
  }

  /** Records a verified epoch; returns whether its monitored loss improved on the best by more than `minDelta`. */
  record(metrics: EpochMetrics, monitored: number, minDelta: number): boolean {
    this.history.push(metrics);
    const improved = monitored < this.best.value - minDelta;
    if (improved) {
      this.best = { value: monitored, epoch: metrics.epoch, wait: 0 };
      if (this.keepBest) {
        disposeAll(this.bestWeights);
        this.bestWeights = snapshot(this.vars);
      }
    } else this.best.wait++;
    return improved;
  }

  /** Whether early stopping with `patience` (0 = off) has waited long enough. */
  patienceSpent(patience: number): boolean {
    return patience > 0 && this.best.wait >= patience;
  }

  /** Puts the last good weights back into the model. */
  restoreLastGood(): void {
    restore(this.vars, this.lastGood!);
  }

  /** Puts the best epoch's weights back; false when there are none to restore. */
  restoreBest(): boolean {
    if (this.bestWeights === undefined || this.best.epoch < 0) return false;
    restore(this.vars, this.bestWeights);
    return true;
  }

  /** Releases the kept weights. */
  dispose(): void {
    disposeAll(this.lastGood);
    disposeAll(this.bestWeights);
  }
}

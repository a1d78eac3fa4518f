/**
 * The trainer. It knows one thing about a model: `model.step(x)` returns
 * `{ loss, terms }`. Around that it runs epochs (`epoch.ts`) of seeded,
 * shuffled batches, the optimizer with gradient clipping and a
 * learning-rate schedule, validation, early stopping, checkpoints with
 * resume (`checkpoint.ts`), an AbortSignal, and a guard against divergence.
 *
 * Divergence: after every epoch the training loss, the validation loss and
 * the weights themselves must be finite; only then is the epoch's snapshot
 * kept as the last good weights. When a run diverges the model gets back the
 * best (with early stopping) or last good weights and the result says so;
 * when no epoch of the run (or of the checkpoint it resumed) was good,
 * `train` restores the weights it started with and throws `DivergedError`.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { renderHint, type Hint } from '@hourglass/errors';
import { ConfigError, DivergedError } from '../errors.js';
import { s, type Infer } from '../schema.js';
import type { Autoencoder } from '../model/autoencoder.js';
import { checkArrayData, isArrayData, splitValidation, type ArrayData, type TrainData } from './data.js';
import type { EpochMetrics, StopReason, TrainEvent, TrainListener } from './events.js';
import { createOptimizer, optimizerOptions } from './optimizers.js';
import { nextLearningRate, scheduleOptions, type ScheduleState } from './schedules.js';
import { readCheckpoint, writeCheckpoint, type TrainerState } from './checkpoint.js';
import { evaluate } from './evaluate.js';
import { Divergence, runEpoch } from './epoch.js';
import { fingerprintData } from './fingerprint.js';
import { allFinite, disposeAll, restore, snapshot } from './snapshots.js';

/** Trainer options (validated; unknown keys are errors). */
export const trainOptions = s.object({
  epochs: s.int({ min: 1, default: 10 }),
  batchSize: s.int({ min: 1, default: 256 }),
  seed: s.int({ min: 0, default: 0 }),
  shuffle: s.boolean({ default: true }),
  /** Fraction of array data held out for validation when no validation set is given. */
  validationSplit: s.number({ min: 0, lt: 1, default: 0 }),
  optimizer: optimizerOptions,
  schedule: scheduleOptions,
  /** Clip gradients to this global L2 norm (0 = off). */
  clipNorm: s.number({ min: 0, default: 0 }),
  earlyStopping: s.object({
    patience: s.int({ min: 0, default: 0, doc: '0 = off' }),
    minDelta: s.number({ min: 0, default: 0 }),
    restoreBest: s.boolean({ default: true }),
  }),
  /** Read the loss every N batches for batch events (0 = only at epoch end). */
  logEvery: s.int({ min: 0, default: 0 }),
  /** Save a checkpoint every N epochs (0 = off; needs `checkpoint`). */
  checkpointEvery: s.int({ min: 0, default: 1 }),
});
export type TrainConfig = Infer<typeof trainOptions>;

/** Everything `train` accepts. */
export interface TrainOptions extends Partial<Omit<TrainConfig, 'optimizer' | 'schedule' | 'earlyStopping'>> {
  optimizer?: Partial<TrainConfig['optimizer']>;
  schedule?: Partial<TrainConfig['schedule']>;
  earlyStopping?: Partial<TrainConfig['earlyStopping']>;
  /** Validation data; otherwise `validationSplit` of the training array is held out. */
  validation?: TrainData;
  /** Directory (or store) where checkpoints go. */
  checkpoint?: string | import('../model/store.js').ModelStore;
  /**
   * Continue from the checkpoint if one exists. It must come from the same
   * model recipe and the same training data (checked by a fingerprint);
   * a damaged checkpoint fails with `ModelFileError` naming the field.
   */
  resume?: boolean;
  /** Stops training cleanly after the current batch. */
  signal?: AbortSignal;
  /** Receives progress events. */
  onEvent?: TrainListener;
}

/** What `train` returns. */
export interface TrainResult {
  history: EpochMetrics[];
  stopReason: StopReason;
  /** Human-readable reason, e.g. the divergence message. */
  message: string;
  /** Epoch (0-based) whose weights the model holds at the end (the best one after early stopping, the last good one after divergence). */
  bestEpoch: number;
  epochsRun: number;
}

/** What to change after a divergence: a tenth of the learning rate, or gradient clipping. */
function divergenceHint(learningRate: number): Hint {
  return ['lower the learning rate (', { option: 'learningRate', value: learningRate / 10 }, ') or clip gradients (', { option: 'clipNorm', value: 1 }, ')'];
}

/**
 * Trains `model` on `data`. Returns how it went; throws `DivergedError`
 * when the loss or weights became NaN or Inf before any epoch ended with
 * finite weights (the model then holds the weights it started with).
 *
 * @example
 * const result = await train(model, { x, n: 8000, sampleShape: [28, 28, 1] }, {
 *   epochs: 20, batchSize: 256, seed: 1, validationSplit: 0.1,
 *   earlyStopping: { patience: 3 },
 *   onEvent: (e) => e.type === 'epoch' && console.log(e.metrics.epoch, e.metrics.loss),
 * });
 */
export async function train(model: Autoencoder, data: TrainData, options: TrainOptions = {}): Promise<TrainResult> {
  const { validation: givenValidation, checkpoint, resume, signal, onEvent, ...rest } = options;
  const cfg = trainOptions.parse(rest, 'train');
  const emit = async (e: TrainEvent) => {
    if (onEvent) await onEvent(e);
  };
  let trainData: TrainData = data;
  let validation = givenValidation;
  if (isArrayData(data)) checkArrayData(data, model.recipe.inputShape, 'training data');
  if (validation && isArrayData(validation)) checkArrayData(validation, model.recipe.inputShape, 'validation data');
  if (!validation && cfg.validationSplit > 0) {
    if (!isArrayData(data)) throw new ConfigError('train: validationSplit needs array data; give a validation set for streams');
    ({ train: trainData, validation } = splitValidation(data as ArrayData, cfg.validationSplit, cfg.seed));
  }
  const fingerprint = checkpoint ? fingerprintData(data) : undefined;
  const keepBest = cfg.earlyStopping.patience > 0 && cfg.earlyStopping.restoreBest;

  const vars = model.weights.map((w) => w.variable);
  const optimizer = createOptimizer(vars, cfg.optimizer);
  const scheduleState: ScheduleState = { best: Infinity, wait: 0 };
  const history: EpochMetrics[] = [];
  let startEpoch = 0;
  let best = { value: Infinity, epoch: -1, wait: 0 };
  let bestWeights: Tensor[] | undefined;
  // The weights the model falls back to on divergence, and their epoch (-1: the weights it started with).
  let lastGood: Tensor[] | undefined;
  let lastGoodEpoch = -1;
  try {
    if (checkpoint && resume) {
      const restored = await readCheckpoint(checkpoint, model, optimizer, fingerprint!);
      if (restored) {
        const { state } = restored;
        startEpoch = state.epoch + 1;
        lastGoodEpoch = state.epoch;
        history.push(...state.history);
        Object.assign(scheduleState, state.schedule);
        best = { ...state.best };
        if (keepBest) bestWeights = restored.bestWeights;
        else disposeAll(restored.bestWeights);
      }
    }
    lastGood = snapshot(vars);

    const batchesPerEpoch = isArrayData(trainData) ? Math.ceil(trainData.n / cfg.batchSize) : undefined;
    await emit({ type: 'start', epochs: cfg.epochs, startEpoch, batchesPerEpoch, samples: isArrayData(trainData) ? trainData.n : undefined });

    let stopReason: StopReason = 'completed';
    let message = `trained ${cfg.epochs} epochs`;
    const patienceSpent = () => cfg.earlyStopping.patience > 0 && best.wait >= cfg.earlyStopping.patience;
    const stoppedAfter = (epoch: number) => `no improvement over ${best.value.toPrecision(5)} for ${cfg.earlyStopping.patience} epochs; stopped after epoch ${epoch + 1}`;
    // A checkpoint written when early stopping ended the run resumes to the same end, not to more epochs.
    if (startEpoch > 0 && patienceSpent()) {
      stopReason = 'early-stopping';
      message = stoppedAfter(startEpoch - 1);
    }
    try {
      for (let epoch = startEpoch; epoch < cfg.epochs && stopReason === 'completed'; epoch++) {
        const totals = await runEpoch({ model, vars, optimizer, data: trainData, epoch, batchSize: cfg.batchSize, seed: cfg.seed, shuffle: cfg.shuffle, clipNorm: cfg.clipNorm, logEvery: cfg.logEvery, batchesPerEpoch, signal, emit });
        if (!Number.isFinite(totals.loss)) throw new Divergence(`the loss became ${totals.loss} in epoch ${epoch + 1} (by batch ${totals.batches})`);
        if (!(await allFinite(vars))) throw new Divergence(`the weights became NaN or Inf in epoch ${epoch + 1}`);
        if (totals.aborted) {
          stopReason = 'aborted';
          message = `aborted during epoch ${epoch + 1}`;
          break;
        }
        const valLoss = validation ? await evaluate(model, validation, cfg.batchSize) : undefined;
        if (valLoss !== undefined && !Number.isFinite(valLoss)) throw new Divergence(`the validation loss became ${valLoss} in epoch ${epoch + 1}`);
        // Verified: a finite training loss, finite validation loss, finite weights.
        disposeAll(lastGood);
        lastGood = snapshot(vars);
        lastGoodEpoch = epoch;
        const metrics: EpochMetrics = {
          epoch,
          loss: totals.loss,
          terms: totals.terms,
          valLoss,
          learningRate: optimizer.learningRate,
          samplesPerSec: totals.seconds > 0 ? totals.samples / totals.seconds : 0,
          seconds: totals.seconds,
        };
        history.push(metrics);

        const monitored = valLoss ?? totals.loss;
        const improved = monitored < best.value - cfg.earlyStopping.minDelta;
        if (improved) {
          best = { value: monitored, epoch, wait: 0 };
          if (keepBest) {
            disposeAll(bestWeights);
            bestWeights = snapshot(vars);
          }
        } else best.wait++;
        await emit({ type: 'epoch', metrics, best: improved });
        optimizer.learningRate = nextLearningRate(cfg.schedule, optimizer.learningRate, epoch, monitored, scheduleState);

        const spent = patienceSpent();
        if (checkpoint && cfg.checkpointEvery > 0 && ((epoch + 1) % cfg.checkpointEvery === 0 || epoch === cfg.epochs - 1 || spent)) {
          const state: TrainerState = { epoch, history, schedule: scheduleState, best, learningRate: optimizer.learningRate, iterations: optimizer.iterations, data: fingerprint };
          await writeCheckpoint(checkpoint, model, optimizer, state, bestWeights);
          await emit({ type: 'checkpoint', epoch });
        }
        if (spent) {
          stopReason = 'early-stopping';
          message = stoppedAfter(epoch);
        }
      }
    } catch (e) {
      if (!(e instanceof Divergence)) throw e;
      if (lastGoodEpoch < 0) {
        restore(vars, lastGood);
        throw new DivergedError(`${e.message}, before any epoch ended with finite weights (the model keeps the weights it started with)`, {
          hint: divergenceHint(optimizer.learningRate),
        });
      }
      stopReason = 'diverged';
      message = e.message;
    }
    let bestEpoch = history.length ? history[history.length - 1].epoch : -1;
    const toBest = bestWeights !== undefined && best.epoch >= 0 && (stopReason === 'early-stopping' || stopReason === 'diverged');
    if (toBest) {
      restore(vars, bestWeights!);
      bestEpoch = best.epoch;
      message += `; restored the weights of epoch ${best.epoch + 1}`;
    } else if (stopReason === 'diverged') {
      restore(vars, lastGood);
      bestEpoch = lastGoodEpoch;
      message += `; kept the weights of epoch ${lastGoodEpoch + 1}, the last good one`;
    }
    const hint = stopReason === 'diverged' ? divergenceHint(optimizer.learningRate) : undefined;
    await emit({ type: 'stop', reason: stopReason, message, hint });
    if (hint) message += `; ${renderHint(hint)}`;
    return { history, stopReason, message, bestEpoch, epochsRun: history.length };
  } finally {
    disposeAll(lastGood);
    disposeAll(bestWeights);
    optimizer.dispose();
  }
}

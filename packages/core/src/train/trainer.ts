/**
 * The trainer. It knows one thing about a model: `model.step(x)` returns
 * `{ loss, terms }`. Around that it runs epochs (`epoch.ts`) of seeded,
 * shuffled batches, the optimizer with gradient clipping and a
 * learning-rate schedule, validation, early stopping, checkpoints with
 * resume (`checkpoint.ts`), an AbortSignal, and a guard against divergence.
 *
 * `train` is the list of steps, each in its own file: the checked data
 * (`training-sets.ts`), the run's state, taken from a checkpoint on resume
 * (`run-state.ts`), the verified epochs (`epoch-loop.ts`) and the weights
 * and result at the end (`run-end.ts`).
 *
 * Divergence: after every epoch the training loss, the validation loss and
 * the weights themselves must be finite; only then is the epoch's snapshot
 * kept as the last good weights. When a run diverges the model gets back the
 * best (with early stopping) or last good weights and the result says so;
 * when no epoch of the run (or of the checkpoint it resumed) was good,
 * `train` restores the weights it started with and throws `DivergedError`.
 */
import { s, type Infer } from '../schema.js';
import type { Autoencoder } from '../model/autoencoder.js';
import type { TrainData } from './data.js';
import type { EpochMetrics, StopReason, TrainEvent, TrainListener } from './events.js';
import { createOptimizer, optimizerOptions } from './optimizers.js';
import { scheduleOptions } from './schedules.js';
import { readCheckpoint } from './checkpoint.js';
import { fingerprintData } from './fingerprint.js';
import { trainingSets } from './training-sets.js';
import { RunState } from './run-state.js';
import { runEpochs } from './epoch-loop.js';
import { finishRun } from './run-end.js';

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
  const { validation, checkpoint, resume, signal, onEvent, ...rest } = options;
  const cfg = trainOptions.parse(rest, 'train');
  const emit = async (e: TrainEvent) => {
    if (onEvent) await onEvent(e);
  };
  const sets = trainingSets(model, data, validation, cfg);
  const fingerprint = checkpoint ? fingerprintData(data) : undefined;
  const vars = model.weights.map((w) => w.variable);
  const optimizer = createOptimizer(vars, cfg.optimizer);
  const run = new RunState(vars, cfg.earlyStopping.patience > 0 && cfg.earlyStopping.restoreBest);
  try {
    if (checkpoint && resume) run.resumeFrom(await readCheckpoint(checkpoint, model, optimizer, fingerprint!));
    run.keepGood(run.startEpoch - 1); // the weights the run starts from
    const samples = sets.train.n; // arrays always, streams when they declare it
    const batchesPerEpoch = samples === undefined ? undefined : Math.ceil(samples / cfg.batchSize);
    await emit({ type: 'start', epochs: cfg.epochs, startEpoch: run.startEpoch, batchesPerEpoch, samples });
    const outcome = await runEpochs({ model, vars, optimizer, cfg, ...sets, batchesPerEpoch, checkpoint, fingerprint, signal, emit, run });
    return await finishRun(run, outcome, cfg.optimizer.learningRate, emit);
  } finally {
    run.dispose();
    optimizer.dispose();
  }
}

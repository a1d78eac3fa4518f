/**
 * The trainer. It knows one thing about a model: `model.step(x)` returns
 * `{ loss, terms }`. Around that it runs epochs of seeded, shuffled batches,
 * the optimizer with gradient clipping and a learning-rate schedule,
 * validation, early stopping, checkpoints with resume, an AbortSignal, and a
 * guard against NaN/Inf losses.
 *
 * Losses stay on the device during an epoch (summed as tensors) and are read
 * once at its end, or every `logEvery` batches when asked, because reading a
 * tensor back stalls the pipeline.
 */
import { tf } from '../tf.js';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { s, type Infer } from '../schema.js';
import type { Autoencoder } from '../model/autoencoder.js';
import { checkArrayData, isArrayData, iterateBatches, splitValidation, type ArrayData, type TrainData } from './data.js';
import type { EpochMetrics, StopReason, TrainEvent, TrainListener } from './events.js';
import { clipByGlobalNorm, createOptimizer, optimizerOptions, type Optimizer } from './optimizers.js';
import { nextLearningRate, scheduleOptions, type ScheduleState } from './schedules.js';
import { readCheckpoint, writeCheckpoint, type TrainerState } from './checkpoint.js';
import { evaluate } from './evaluate.js';

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
  /** Continue from the checkpoint if one exists. */
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
  /** Epoch (0-based) whose weights the model holds at the end. */
  bestEpoch: number;
  epochsRun: number;
}

const snapshot = (vars: Variable[]) => vars.map((v) => tf.clone(v));
function restore(vars: Variable[], snap: Tensor[]) {
  vars.forEach((v, i) => v.assign(snap[i]));
}
const disposeAll = (ts: Tensor[] | undefined) => ts?.forEach((t) => t.dispose());

/** Seed of one batch, derived from the run seed, epoch and batch index. */
const batchSeed = (seed: number, epoch: number, batch: number) => ((seed * 1000003) ^ (epoch * 7919) ^ (batch * 104729)) >>> 1;

/**
 * Trains `model` on `data`.
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

  const vars = model.weights.map((w) => w.variable);
  const optimizer: Optimizer = createOptimizer(vars, cfg.optimizer);
  const scheduleState: ScheduleState = { best: Infinity, wait: 0 };
  const history: EpochMetrics[] = [];
  let startEpoch = 0;
  let best = { value: Infinity, epoch: -1, wait: 0 };
  let bestWeights: Tensor[] | undefined;

  if (checkpoint && resume) {
    const state = await readCheckpoint(checkpoint, model, optimizer);
    if (state) {
      startEpoch = state.epoch + 1;
      history.push(...state.history);
      Object.assign(scheduleState, state.schedule);
      best = { ...state.best };
      optimizer.learningRate = state.learningRate;
    }
  }

  const batchesPerEpoch = isArrayData(trainData) ? Math.ceil(trainData.n / cfg.batchSize) : undefined;
  await emit({ type: 'start', epochs: cfg.epochs, startEpoch, batchesPerEpoch, samples: isArrayData(trainData) ? trainData.n : undefined });

  let stopReason: StopReason = 'completed';
  let message = `trained ${cfg.epochs} epochs`;
  let lastGood = snapshot(vars);
  try {
    for (let epoch = startEpoch; epoch < cfg.epochs; epoch++) {
      const started = performance.now();
      let sum: Tensor = tf.scalar(0);
      const termSums: Record<string, Tensor> = {};
      let seen = 0;
      let batch = 0;
      for await (const b of iterateBatches(trainData, cfg.batchSize, cfg.shuffle ? cfg.seed * 31 + epoch : undefined)) {
        let kept: Record<string, Scalar> = {};
        const { value, grads } = tf.variableGrads(() => {
          const r = model.step(b.x, { seed: batchSeed(cfg.seed, epoch, batch), mask: b.mask });
          kept = Object.fromEntries(Object.entries(r.terms).map(([k, t]) => [k, tf.keep(t)]));
          return r.loss;
        }, vars);
        b.x.dispose();
        b.mask?.dispose();
        // A weight the loss does not reach (say, a head used only at inference) gets a zero gradient.
        const list = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
        if (cfg.clipNorm > 0) {
          const clipped = clipByGlobalNorm(list, cfg.clipNorm);
          optimizer.apply(clipped);
          disposeAll(clipped);
        } else optimizer.apply(list);
        disposeAll(list);
        const prev = sum;
        sum = tf.tidy(() => tf.add(prev, tf.mul(value, b.n)));
        prev.dispose();
        seen += b.n;
        batch++;
        let loss: number | undefined;
        let batchTerms: Record<string, number> | undefined;
        if (cfg.logEvery > 0 && batch % cfg.logEvery === 0) {
          loss = (await value.data())[0];
          batchTerms = {};
          for (const [k, t] of Object.entries(kept)) batchTerms[k] = (await t.data())[0];
        }
        for (const [k, t] of Object.entries(kept)) {
          const old = termSums[k];
          termSums[k] = tf.tidy(() => (old ? tf.add(old, tf.mul(t, b.n)) : tf.mul(t, b.n)));
          old?.dispose();
          t.dispose();
        }
        value.dispose();
        if (loss !== undefined && !Number.isFinite(loss)) throw new Divergence(epoch, batch, loss);
        await emit({ type: 'batch', epoch, batch, batches: batchesPerEpoch, samples: seen, loss, terms: batchTerms });
        if (signal?.aborted) break;
      }
      const seconds = (performance.now() - started) / 1000;
      const meanLoss = (await sum.data())[0] / Math.max(seen, 1);
      sum.dispose();
      const terms: Record<string, number> = {};
      for (const [k, t] of Object.entries(termSums)) {
        terms[k] = (await t.data())[0] / Math.max(seen, 1);
        t.dispose();
      }
      if (!Number.isFinite(meanLoss)) throw new Divergence(epoch, batch, meanLoss);
      if (signal?.aborted) {
        stopReason = 'aborted';
        message = `aborted during epoch ${epoch + 1}`;
        break;
      }
      const valLoss = validation ? await evaluate(model, validation, cfg.batchSize) : undefined;
      const metrics: EpochMetrics = {
        epoch,
        loss: meanLoss,
        terms,
        valLoss,
        learningRate: optimizer.learningRate,
        samplesPerSec: seen / seconds,
        seconds,
      };
      history.push(metrics);
      disposeAll(lastGood);
      lastGood = snapshot(vars);

      const monitored = valLoss ?? meanLoss;
      const improved = monitored < best.value - cfg.earlyStopping.minDelta;
      if (improved) {
        best = { value: monitored, epoch, wait: 0 };
        if (cfg.earlyStopping.patience > 0 && cfg.earlyStopping.restoreBest) {
          disposeAll(bestWeights);
          bestWeights = snapshot(vars);
        }
      } else best.wait++;
      await emit({ type: 'epoch', metrics, best: improved });
      optimizer.learningRate = nextLearningRate(cfg.schedule, optimizer.learningRate, epoch, monitored, scheduleState);

      const stopEarly = cfg.earlyStopping.patience > 0 && best.wait >= cfg.earlyStopping.patience;
      if (checkpoint && cfg.checkpointEvery > 0 && ((epoch + 1) % cfg.checkpointEvery === 0 || epoch === cfg.epochs - 1 || stopEarly)) {
        const state: TrainerState = { epoch, history, schedule: scheduleState, best, learningRate: optimizer.learningRate, iterations: optimizer.iterations };
        await writeCheckpoint(checkpoint, model, optimizer, state);
        await emit({ type: 'checkpoint', epoch });
      }
      if (stopEarly) {
        stopReason = 'early-stopping';
        message = `no improvement over ${best.value.toPrecision(5)} for ${cfg.earlyStopping.patience} epochs; stopped after epoch ${epoch + 1}`;
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof Divergence)) throw e;
    restore(vars, lastGood);
    stopReason = 'diverged';
    message = `${e.message}; the model keeps the weights of the last good epoch. Lower the learning rate (${optimizer.learningRate}) or set clipNorm.`;
  } finally {
    disposeAll(lastGood);
    optimizer.dispose();
  }
  if (stopReason === 'early-stopping' && bestWeights) {
    restore(vars, bestWeights);
    message += `; restored the weights of epoch ${best.epoch + 1}`;
  }
  disposeAll(bestWeights);
  const bestEpoch = stopReason === 'early-stopping' && bestWeights ? best.epoch : history.length ? history[history.length - 1].epoch : -1;
  await emit({ type: 'stop', reason: stopReason, message });
  return { history, stopReason, message, bestEpoch, epochsRun: history.length };
}

class Divergence extends Error {
  constructor(epoch: number, batch: number, value: number) {
    super(`the loss became ${value} in epoch ${epoch + 1} (by batch ${batch})`);
  }
}

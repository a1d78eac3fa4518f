/**
 * One epoch of training: seeded, shuffled batches through `model.step`, the
 * optimizer (with optional gradient clipping), and the per-sample loss and
 * term sums, kept on the device and read once at the end (or every
 * `logEvery` batches), because reading a tensor back stalls the pipeline.
 *
 * Every tensor this file creates is disposed on every path, including an
 * exception from the model, the data or an event listener.
 */
import { tf } from '../tf.js';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { Autoencoder } from '../model/autoencoder.js';
import { iterateBatches, type TensorBatch, type TrainData } from './data.js';
import type { TrainEvent } from './events.js';
import { clipByGlobalNorm, type Optimizer } from './optimizers.js';
import { disposeAll } from './snapshots.js';

/** What one epoch needs. */
export interface EpochInput {
  model: Autoencoder;
  vars: Variable[];
  optimizer: Optimizer;
  data: TrainData;
  epoch: number;
  batchSize: number;
  /** Seed of the run; undefined shuffle means batches in data order. */
  seed: number;
  shuffle: boolean;
  clipNorm: number;
  logEvery: number;
  batchesPerEpoch?: number;
  /** Learning rate for batch `batch` of this epoch under a per-batch schedule (undefined: leave it). */
  learningRateAt?: (batch: number) => number | undefined;
  signal?: AbortSignal;
  emit(e: TrainEvent): Promise<void>;
}

/** What one epoch measured. */
export interface EpochTotals {
  /** Mean training loss over the samples seen (NaN or Inf when diverged). */
  loss: number;
  terms: Record<string, number>;
  samples: number;
  batches: number;
  seconds: number;
  /** The signal stopped the epoch before its end. */
  aborted: boolean;
}

/**
 * The loss or the weights became NaN or Inf; the trainer turns this into
 * its divergence handling (a result, or `DivergedError`).
 *
 * @example
 * throw new Divergence('the loss became NaN in epoch 3 (by batch 7)');
 */
export class Divergence extends Error {}

/** Seed of one batch, derived from the run seed, epoch and batch index. */
const batchSeed = (seed: number, epoch: number, batch: number) => ((seed * 1000003) ^ (epoch * 7919) ^ (batch * 104729)) >>> 1;

/** Sums of per-batch scalars weighted by batch size, on the device. */
class WeightedSums {
  private sums = new Map<string, Tensor>();

  add(name: string, value: Tensor, n: number): void {
    const old = this.sums.get(name);
    this.sums.set(name, tf.tidy(() => (old ? tf.add(old, tf.mul(value, n)) : tf.mul(value, n))));
    old?.dispose();
  }

  async means(count: number): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [name, t] of this.sums) out[name] = (await t.data())[0] / Math.max(count, 1);
    return out;
  }

  dispose(): void {
    for (const t of this.sums.values()) t.dispose();
    this.sums.clear();
  }
}

/** One optimizer step on a batch; returns the loss and the terms (the caller disposes them). */
function step(input: EpochInput, b: TensorBatch, batch: number): { loss: Scalar; terms: Record<string, Scalar> } {
  const { model, vars, optimizer } = input;
  let terms: Record<string, Scalar> = {};
  const { value, grads } = tf.variableGrads(() => {
    const trainingStep = input.batchesPerEpoch === undefined ? undefined : input.epoch * input.batchesPerEpoch + batch;
    const r = model.step(b.x, { seed: batchSeed(input.seed, input.epoch, batch), mask: b.mask, y: b.y, condition: b.condition, trainingStep });
    terms = Object.fromEntries(Object.entries(r.terms).map(([k, t]) => [k, tf.keep(t)]));
    return r.loss;
  }, vars);
  // A weight the loss does not reach (say, a head used only at inference) gets a zero gradient.
  const list = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
  try {
    if (input.clipNorm > 0) {
      const clipped = clipByGlobalNorm(list, input.clipNorm);
      try {
        optimizer.apply(clipped);
      } finally {
        disposeAll(clipped);
      }
    } else optimizer.apply(list);
  } catch (e) {
    value.dispose();
    tf.dispose(Object.values(terms));
    throw e;
  } finally {
    disposeAll(list);
  }
  return { loss: value, terms };
}

/** The error for a batch without targets given to a model with a target (a stream's batch; arrays are checked up front). */
function missingTargets(input: EpochInput): ConfigError {
  const name = input.data.name ? ` "${input.data.name}"` : '';
  return new ConfigError(
    `training data${name}: a batch carries no targets y, but the model predicts a target of shape [${input.model.recipe.target!.shape.join(', ')}]; give batches with y, or build the model without a target`,
    { field: 'y' },
  );
}

/** The error for a stream batch without classes given to a conditional model. */
function missingCondition(input: EpochInput): ConfigError {
  const name = input.data.name ? ` "${input.data.name}"` : '';
  return new ConfigError(
    `training data${name}: a batch carries no condition (class indices), but the model is conditioned on ${input.model.conditionClasses} classes; give batches with condition, or build the model without a condition`,
    { field: 'condition' },
  );
}

/**
 * Runs one epoch. Throws `Divergence` when a loss read during the epoch
 * (every `logEvery` batches) is NaN or Inf.
 *
 * @example
 * const totals = await runEpoch({ model, vars, optimizer, data, epoch: 0, batchSize: 32, seed: 1, shuffle: true, clipNorm: 0, logEvery: 0, emit: async () => {} });
 */
export async function runEpoch(input: EpochInput): Promise<EpochTotals> {
  const started = performance.now();
  const lossSum = new WeightedSums();
  const termSums = new WeightedSums();
  let samples = 0;
  let batch = 0;
  let aborted = false;
  try {
    const conditionClasses = input.model.conditionClasses;
    for await (const b of iterateBatches(input.data, input.batchSize, input.shuffle ? input.seed * 31 + input.epoch : undefined, { conditionClasses })) {
      let r: ReturnType<typeof step>;
      try {
        if (!b.y && input.model.recipe.target) throw missingTargets(input);
        if (!b.condition && conditionClasses > 0) throw missingCondition(input);
        const lr = input.learningRateAt?.(batch);
        if (lr !== undefined) input.optimizer.learningRate = lr;
        r = step(input, b, batch);
      } finally {
        b.x.dispose();
        b.mask?.dispose();
        b.y?.dispose();
        b.condition?.dispose();
      }
      let loss: number | undefined;
      let batchTerms: Record<string, number> | undefined;
      try {
        lossSum.add('loss', r.loss, b.n);
        for (const [k, t] of Object.entries(r.terms)) termSums.add(k, t, b.n);
        samples += b.n;
        batch++;
        if (input.logEvery > 0 && batch % input.logEvery === 0) {
          loss = (await r.loss.data())[0];
          batchTerms = {};
          for (const [k, t] of Object.entries(r.terms)) batchTerms[k] = (await t.data())[0];
        }
      } finally {
        r.loss.dispose();
        tf.dispose(Object.values(r.terms));
      }
      if (loss !== undefined && !Number.isFinite(loss)) throw new Divergence(`the loss became ${loss} in epoch ${input.epoch + 1} (by batch ${batch})`);
      await input.emit({ type: 'batch', epoch: input.epoch, batch, batches: input.batchesPerEpoch, samples, loss, terms: batchTerms });
      if (input.signal?.aborted) {
        aborted = true;
        break;
      }
    }
    const { loss = 0 } = await lossSum.means(samples);
    const terms = await termSums.means(samples);
    const seconds = (performance.now() - started) / 1000;
    return { loss, terms, samples, batches: batch, seconds, aborted };
  } finally {
    lossSum.dispose();
    termSums.dispose();
  }
}

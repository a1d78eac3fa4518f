/**
 * Optimizers: Adam, SGD with (Nesterov) momentum, RMSProp and Adagrad.
 *
 * Written over plain ops rather than taken from tfjs so that their state
 * (moment slots, step count) can be saved in a checkpoint and restored on
 * resume, and so the learning rate is a number a schedule can change between
 * epochs. Updates assign into the variables in place.
 */
import { tf } from '../tf.js';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { s, type Infer } from '../schema.js';

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Options of every optimizer (fields an optimizer does not use are ignored). */
export const optimizerOptions = s.object({
  name: s.enum(OPTIMIZERS, { default: 'adam' }),
  learningRate: s.number({ gt: 0, default: 1e-3 }),
  beta1: s.number({ min: 0, lt: 1, default: 0.9, doc: 'adam' }),
  beta2: s.number({ min: 0, lt: 1, default: 0.999, doc: 'adam' }),
  epsilon: s.number({ gt: 0, default: 1e-8, doc: 'adam, rmsprop, adagrad' }),
  momentum: s.number({ min: 0, lt: 1, default: 0, doc: 'sgd, rmsprop' }),
  nesterov: s.boolean({ default: false, doc: 'sgd' }),
  rho: s.number({ min: 0, lt: 1, default: 0.9, doc: 'rmsprop decay' }),
  initialAccumulator: s.number({ min: 0, default: 0.1, doc: 'adagrad' }),
});
export type OptimizerConfig = Infer<typeof optimizerOptions>;

/** A stateful optimizer over a fixed list of variables. */
export interface Optimizer {
  readonly config: OptimizerConfig;
  /** Current learning rate; schedules change it between epochs. */
  learningRate: number;
  /** Number of updates applied so far. */
  readonly iterations: number;
  /** Applies one update given gradients aligned with the variables. */
  apply(grads: Tensor[]): void;
  /** Slot tensors by name, for checkpoints. */
  slots(): Array<{ name: string; tensor: Tensor }>;
  /** Restores slots (by name) and the iteration count from a checkpoint. */
  restore(slots: Map<string, Tensor>, iterations: number): void;
  dispose(): void;
}

type SlotKind = 'm' | 'v' | 'acc' | 'mom';

/**
 * Creates an optimizer for `variables`.
 *
 * All variables are updated as one flat vector: gradients and weights are
 * concatenated, the update rule runs once over the whole vector, and the
 * result is split back. On backends where each kernel call has a fixed cost
 * (tfjs-node, wasm), this turns ~12 kernels per weight tensor into ~15 per
 * step. Constants live in cached scalars rather than new tensors per op.
 *
 * @example
 * const opt = createOptimizer(model.weights.map((w) => w.variable), { name: 'adam', learningRate: 1e-3 });
 * opt.apply(grads);
 */
export function createOptimizer(variables: Variable[], options: Partial<OptimizerConfig> = {}): Optimizer {
  const config = optimizerOptions.parse(options, 'optimizer');
  const { beta1, beta2, epsilon, momentum, rho } = config;
  const kinds: SlotKind[] =
    config.name === 'adam'
      ? ['m', 'v']
      : config.name === 'rmsprop'
        ? momentum > 0
          ? ['acc', 'mom']
          : ['acc']
        : config.name === 'adagrad'
          ? ['acc']
          : momentum > 0
            ? ['mom']
            : [];
  const sizes = variables.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const slots = new Map<SlotKind, Variable>();
  for (const kind of kinds) {
    const initial = config.name === 'adagrad' ? tf.fill([total], config.initialAccumulator) : tf.zeros([total]);
    slots.set(kind, tf.variable(initial, false));
    initial.dispose();
  }
  const constants = new Map<number, Tensor>();
  const c = (value: number): Tensor => {
    let t = constants.get(value);
    if (!t) constants.set(value, (t = tf.keep(tf.scalar(value))));
    return t;
  };
  let iterations = 0;
  const slot = (kind: SlotKind) => slots.get(kind)!;
  const flat = (ts: Tensor[]) => (ts.length === 1 ? tf.reshape(ts[0], [-1]) : tf.concat(ts.map((t) => tf.reshape(t, [-1]))));

  /** The new flat weights from the flat weights `w` and gradient `g`. */
  const rule = (w: Tensor, g: Tensor, lr: number): Tensor => {
    switch (config.name) {
      case 'adam': {
        const t = iterations + 1;
        const m = tf.add(tf.mul(slot('m'), c(beta1)), tf.mul(g, c(1 - beta1)));
        const v = tf.add(tf.mul(slot('v'), c(beta2)), tf.mul(tf.square(g), c(1 - beta2)));
        slot('m').assign(m);
        slot('v').assign(v);
        const step = tf.scalar((lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t));
        return tf.sub(w, tf.div(tf.mul(m, step), tf.add(tf.sqrt(v), c(epsilon))));
      }
      case 'sgd': {
        if (momentum === 0) return tf.sub(w, tf.mul(g, tf.scalar(lr)));
        const mom = tf.add(tf.mul(slot('mom'), c(momentum)), g);
        slot('mom').assign(mom);
        const dir = config.nesterov ? tf.add(g, tf.mul(mom, c(momentum))) : mom;
        return tf.sub(w, tf.mul(dir, tf.scalar(lr)));
      }
      case 'rmsprop': {
        const acc = tf.add(tf.mul(slot('acc'), c(rho)), tf.mul(tf.square(g), c(1 - rho)));
        slot('acc').assign(acc);
        const scaled = tf.div(g, tf.add(tf.sqrt(acc), c(epsilon)));
        if (momentum === 0) return tf.sub(w, tf.mul(scaled, tf.scalar(lr)));
        const mom = tf.add(tf.mul(slot('mom'), c(momentum)), tf.mul(scaled, tf.scalar(lr)));
        slot('mom').assign(mom);
        return tf.sub(w, mom);
      }
      case 'adagrad': {
        const acc = tf.add(slot('acc'), tf.square(g));
        slot('acc').assign(acc);
        return tf.sub(w, tf.div(tf.mul(g, tf.scalar(lr)), tf.add(tf.sqrt(acc), c(epsilon))));
      }
    }
  };

  const optimizer: Optimizer = {
    config,
    learningRate: config.learningRate,
    get iterations() {
      return iterations;
    },
    apply(grads) {
      tf.tidy(() => {
        const updated = rule(flat(variables), flat(grads), optimizer.learningRate);
        const parts = variables.length === 1 ? [updated] : tf.split(updated, sizes);
        variables.forEach((v, i) => v.assign(tf.reshape(parts[i], v.shape)));
      });
      iterations++;
    },
    slots: () => kinds.map((kind) => ({ name: `optimizer/${kind}`, tensor: slot(kind) as Tensor })),
    restore(saved, iters) {
      for (const kind of kinds) {
        const t = saved.get(`optimizer/${kind}`);
        if (t) slot(kind).assign(tf.reshape(t, [total]));
      }
      iterations = iters;
    },
    dispose() {
      for (const t of slots.values()) t.dispose();
      for (const t of constants.values()) t.dispose();
      constants.clear();
    },
  };
  return optimizer;
}

/**
 * Scales gradients so their global L2 norm is at most `maxNorm`
 * (returns new tensors; the caller disposes both lists).
 */
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return grads.map((g) => tf.mul(g, scale));
  });
}

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
 * @example
 * const opt = createOptimizer(model.weights.map((w) => w.variable), { name: 'adam', learningRate: 1e-3 });
 * opt.apply(grads);
 */
export function createOptimizer(variables: Variable[], options: Partial<OptimizerConfig> = {}): Optimizer {
  const config = optimizerOptions.parse(options, 'optimizer');
  const kinds: SlotKind[] =
    config.name === 'adam'
      ? ['m', 'v']
      : config.name === 'rmsprop'
        ? config.momentum > 0
          ? ['acc', 'mom']
          : ['acc']
        : config.name === 'adagrad'
          ? ['acc']
          : config.momentum > 0
            ? ['mom']
            : [];
  const slots = new Map<string, Variable[]>();
  for (const kind of kinds)
    slots.set(
      kind,
      variables.map((v) =>
        tf.tidy(() =>
          tf.variable(config.name === 'adagrad' ? tf.fill(v.shape, config.initialAccumulator) : tf.zerosLike(v), false),
        ),
      ),
    );
  let iterations = 0;
  const slot = (kind: SlotKind, i: number) => slots.get(kind)![i];

  const update = (i: number, v: Variable, g: Tensor, lr: number) => {
    const { beta1, beta2, epsilon, momentum, rho } = config;
    switch (config.name) {
      case 'adam': {
        const t = iterations + 1;
        const m = slot('m', i);
        const s2 = slot('v', i);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        s2.assign(tf.add(tf.mul(s2, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const step = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
        v.assign(tf.sub(v, tf.div(tf.mul(m, step), tf.add(tf.sqrt(s2), epsilon))));
        return;
      }
      case 'sgd': {
        if (momentum === 0) {
          v.assign(tf.sub(v, tf.mul(g, lr)));
          return;
        }
        const mom = slot('mom', i);
        mom.assign(tf.add(tf.mul(mom, momentum), g));
        const dir = config.nesterov ? tf.add(g, tf.mul(mom, momentum)) : mom;
        v.assign(tf.sub(v, tf.mul(dir, lr)));
        return;
      }
      case 'rmsprop': {
        const acc = slot('acc', i);
        acc.assign(tf.add(tf.mul(acc, rho), tf.mul(tf.square(g), 1 - rho)));
        const scaled = tf.div(g, tf.add(tf.sqrt(acc), epsilon));
        if (momentum === 0) {
          v.assign(tf.sub(v, tf.mul(scaled, lr)));
          return;
        }
        const mom = slot('mom', i);
        mom.assign(tf.add(tf.mul(mom, momentum), tf.mul(scaled, lr)));
        v.assign(tf.sub(v, mom));
        return;
      }
      case 'adagrad': {
        const acc = slot('acc', i);
        acc.assign(tf.add(acc, tf.square(g)));
        v.assign(tf.sub(v, tf.div(tf.mul(g, lr), tf.add(tf.sqrt(acc), epsilon))));
        return;
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
      tf.tidy(() => variables.forEach((v, i) => update(i, v, grads[i], optimizer.learningRate)));
      iterations++;
    },
    slots: () => kinds.flatMap((kind) => slots.get(kind)!.map((t, i) => ({ name: `optimizer/${kind}/${i}`, tensor: t as Tensor }))),
    restore(saved, iters) {
      for (const kind of kinds)
        slots.get(kind)!.forEach((t, i) => {
          const s = saved.get(`optimizer/${kind}/${i}`);
          if (s) t.assign(s);
        });
      iterations = iters;
    },
    dispose() {
      for (const list of slots.values()) for (const t of list) t.dispose();
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

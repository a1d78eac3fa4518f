/**
 * Optimizers: Adam, SGD with (Nesterov) momentum, RMSProp and Adagrad.
 *
 * Written over plain ops rather than taken from tfjs so that their state
 * (moment slots, step count) can be saved in a checkpoint and restored on
 * resume, and so the learning rate is a number a schedule can change between
 * epochs. Updates assign into the variables in place.
 *
 * `weightDecay` (lambda) adds lambda x w to every gradient before the rule,
 * the gradient of lambda/2 |w|^2 (L2 regularisation, as in AutoRec; with
 * Adam this is not AdamW's decoupled decay). It covers every weight the
 * optimizer updates, biases included. The loss it adds to is a mean per
 * entry and sample, so lambda is on that scale: a paper's lambda on a sum
 * over all ratings divides by their number.
 */
import { tf } from '../tf.js';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { s, type Infer } from '../schema.js';
import { ConfigError } from '../errors.js';
import { activeHints, fusedKernelActive } from '../backend-hints.js';
import { reshapeTo } from '../shape.js';
import { ADAM_KERNEL, fusedAdam } from './optimizer-kernels.js';

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
  weightDecay: s.number({ min: 0, default: 0, doc: 'L2 penalty lambda: lambda x w is added to every gradient (0: none)' }),
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
  /** Copies of the slot tensors (one flat vector per kind), by name, for checkpoints; the caller disposes them. */
  slots(): Array<{ name: string; tensor: Tensor }>;
  /**
   * Restores slots (by name) and the iteration count from a checkpoint;
   * throws `ConfigError` naming a missing or mis-sized slot before it
   * changes anything.
   */
  restore(slots: Map<string, Tensor>, iterations: number): void;
  dispose(): void;
}

type SlotKind = 'm' | 'v' | 'acc' | 'mom';
type Slots = Map<SlotKind, Tensor>;

/**
 * Creates an optimizer for `variables`.
 *
 * Two layouts, chosen for the backend active at creation
 * (`backend-hints.ts`): on native TensorFlow all weights are updated as one
 * flat vector (gradients and weights concatenated, the rule run once, the
 * result split back: ~15 large kernels a step instead of ~12 per weight
 * tensor); on wasm, whose Concat and Split are slow, weight by weight.
 * Constants live in cached scalars rather than new tensors per op. Where
 * the active backend registers a fused kernel for the rule
 * (`optimizer-kernels.ts`; Adam), each update is that one kernel instead,
 * with the same result.
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
  const flatLayout = activeHints().flatOptimizer !== false && variables.length > 1;
  const sizes = variables.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  // groups[g] = the slots of group g: one group (flat) or one per variable.
  const shapes = flatLayout ? [[total]] : variables.map((v) => v.shape);
  const groups: Array<Map<SlotKind, Variable>> = shapes.map((shape) => {
    const m = new Map<SlotKind, Variable>();
    for (const kind of kinds) {
      const initial = config.name === 'adagrad' ? tf.fill(shape, config.initialAccumulator) : tf.zeros(shape);
      m.set(kind, tf.variable(initial, false));
      initial.dispose();
    }
    return m;
  });
  const constants = new Map<number, Tensor>();
  const c = (value: number): Tensor => {
    let t = constants.get(value);
    if (!t) constants.set(value, (t = tf.keep(tf.scalar(value))));
    return t;
  };
  let iterations = 0;

  /** One weight tensor's update: new weights from `w` and gradient `g`; writes the new slot values into `out`. */
  type Update = (w: Tensor, g: Tensor, slots: Map<SlotKind, Variable>, out: Slots) => Tensor;

  /** The Adam update as the backend's fused kernel, with step size `learningRate`. */
  const fusedRule =
    (learningRate: number): Update =>
    (w, g, slots, out) => {
      const attrs = { learningRate, beta1, oneMinusBeta1: 1 - beta1, beta2, oneMinusBeta2: 1 - beta2, epsilon, weightDecay: config.weightDecay };
      const [w2, m, v] = fusedAdam({ w, g, m: slots.get('m')!, v: slots.get('v')! }, attrs);
      out.set('m', m).set('v', v);
      return w2;
    };

  /** The update over plain ops, with step size `lr` (a scalar). */
  const rule =
    (lr: Tensor): Update =>
    (w, grad, slots, out) => {
      const g = config.weightDecay > 0 ? tf.add(grad, tf.mul(w, c(config.weightDecay))) : grad;
      const get = (k: SlotKind) => slots.get(k)!;
      switch (config.name) {
        case 'adam': {
          const m = tf.add(tf.mul(get('m'), c(beta1)), tf.mul(g, c(1 - beta1)));
          const v = tf.add(tf.mul(get('v'), c(beta2)), tf.mul(tf.square(g), c(1 - beta2)));
          out.set('m', m).set('v', v);
          return tf.sub(w, tf.div(tf.mul(m, lr), tf.add(tf.sqrt(v), c(epsilon))));
        }
        case 'sgd': {
          if (momentum === 0) return tf.sub(w, tf.mul(g, lr));
          const mom = tf.add(tf.mul(get('mom'), c(momentum)), g);
          out.set('mom', mom);
          return tf.sub(w, tf.mul(config.nesterov ? tf.add(g, tf.mul(mom, c(momentum))) : mom, lr));
        }
        case 'rmsprop': {
          const acc = tf.add(tf.mul(get('acc'), c(rho)), tf.mul(tf.square(g), c(1 - rho)));
          out.set('acc', acc);
          const scaled = tf.div(g, tf.add(tf.sqrt(acc), c(epsilon)));
          if (momentum === 0) return tf.sub(w, tf.mul(scaled, lr));
          const mom = tf.add(tf.mul(get('mom'), c(momentum)), tf.mul(scaled, lr));
          out.set('mom', mom);
          return tf.sub(w, mom);
        }
        case 'adagrad': {
          const acc = tf.add(get('acc'), tf.square(g));
          out.set('acc', acc);
          return tf.sub(w, tf.div(tf.mul(g, lr), tf.add(tf.sqrt(acc), c(epsilon))));
        }
      }
    };

  const flat = (ts: Tensor[]) => tf.concat(ts.map((t) => reshapeTo(t, [t.size])));
  // Flat layout: the weights vector of the last update, kept while every
  // variable still holds exactly its part (nothing assigned to them since),
  // so the next update need not concatenate the variables again.
  let lastWeights: { flat: Tensor; ids: object[] } | undefined;
  const flatWeights = (): Tensor =>
    lastWeights && variables.every((v, i) => v.dataId === lastWeights!.ids[i]) ? lastWeights.flat : flat(variables);
  const forgetWeights = () => {
    lastWeights?.flat.dispose();
    lastWeights = undefined;
  };

  const optimizer: Optimizer = {
    config,
    learningRate: config.learningRate,
    get iterations() {
      return iterations;
    },
    apply(grads) {
      const t = iterations + 1;
      // Adam folds its bias corrections into the step size.
      const lrValue = config.name === 'adam' ? (optimizer.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t) : optimizer.learningRate;
      tf.tidy(() => {
        // the backend's fused kernel where it has one, decided once per update (not per weight)
        const update = config.name === 'adam' && fusedKernelActive(ADAM_KERNEL, 'fusedOptimizer') ? fusedRule(lrValue) : rule(tf.scalar(lrValue));
        const out: Slots = new Map();
        if (flatLayout) {
          const updated = update(flatWeights(), flat(grads), groups[0], out);
          const parts = tf.split(updated, sizes);
          variables.forEach((v, i) => v.assign(reshapeTo(parts[i], v.shape)));
          for (const [k, value] of out) groups[0].get(k)!.assign(value);
          forgetWeights();
          lastWeights = { flat: tf.keep(updated), ids: variables.map((v) => v.dataId) };
        } else
          variables.forEach((v, i) => {
            v.assign(update(v, grads[i], groups[i], out));
            for (const [k, value] of out) groups[i].get(k)!.assign(value);
          });
      });
      iterations++;
    },
    slots: () =>
      kinds.map((kind) => ({
        name: `optimizer/${kind}`,
        tensor: flatLayout ? tf.clone(groups[0].get(kind)!) : tf.tidy(() => flat(groups.map((g) => g.get(kind)!))),
      })),
    restore(saved, iters) {
      for (const kind of kinds) {
        const name = `optimizer/${kind}`;
        const t = saved.get(name);
        if (!t) throw new ConfigError(`no optimizer slot "${name}" (${config.name} keeps ${kinds.map((k) => `optimizer/${k}`).join(', ')}; was it written by another optimizer?)`);
        if (t.size !== total) throw new ConfigError(`optimizer slot "${name}" holds ${t.size} values, expected ${total} (one per weight)`);
      }
      // Inside tidy: the reshaped and split views would otherwise keep a copy of every slot alive.
      tf.tidy(() => {
        for (const kind of kinds) {
          const t = tf.reshape(saved.get(`optimizer/${kind}`)!, [total]);
          if (flatLayout) groups[0].get(kind)!.assign(t);
          else tf.split(t, sizes).forEach((part, i) => groups[i].get(kind)!.assign(tf.reshape(part, shapes[i])));
        }
      });
      iterations = iters;
    },
    dispose() {
      forgetWeights();
      for (const g of groups) for (const v of g.values()) v.dispose();
      for (const t of constants.values()) t.dispose();
      constants.clear();
    },
  };
  return optimizer;
}

/**
 * Scales gradients so their global L2 norm is at most `maxNorm`
 * (returns new tensors; the caller disposes both lists).
 *
 * @example
 * const clipped = clipByGlobalNorm(grads, 1.0); // global norm now <= 1
 */
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return grads.map((g) => tf.mul(g, scale));
  });
}

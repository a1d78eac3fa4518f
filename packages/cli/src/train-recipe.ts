/**
 * The training recipe of `hourglass train`. The default is Adam peaking at
 * 5e-3 with beta2 0.99 under the cosine schedule (`--lr 5e-3 --beta2 0.99
 * --schedule cosine`): a linear warmup over the first tenth of the epochs,
 * then a half cosine down to zero at the last batch. Keras' recipe, Adam at
 * a constant 1e-3, is `--schedule constant --lr 1e-3 --beta2 0.999`.
 *
 * Why: with the same architecture, data, batch size and number of epochs as
 * the Keras references, Adam at a constant 1e-3 (Keras' and core's default)
 * leaves these small autoencoders short of converged: the deep 784-128-64-32
 * model ends at a test BCE of 0.1100 after 50 epochs on the 8,000 / 2,000
 * MNIST split, Keras' own 0.1099. A higher peak rate gets further in the
 * ~1,600 steps; the long warmup matters most (with one epoch of it, a run
 * at this rate can lose ReLU units of the code for good: seed 1 ended at
 * 0.1052 against 0.1008 with five); the decay to zero settles the weights,
 * and the shorter second-moment average (beta2 0.99) follows the changing
 * rate. tools/bench/images/keras.mjs prints the figures by seed.
 *
 * The curve depends on `--epochs`. Resumed with the `--epochs` it started
 * with, a run continues the very same curve (bit-identical to a run never
 * stopped); resumed with other `--epochs`, the curve is the one of the new
 * total, taken up at the epoch the checkpoint reached, and `hourglass train`
 * says so on stderr (`epochsChangeNotice`).
 */
import type { TrainCommandOptions } from './commands/train.js';

/** Defaults of the recipe flags of `hourglass train`. */
export const DEFAULT_RECIPE = {
  lr: 5e-3,
  beta2: 0.99,
  schedule: 'cosine',
  /** Warmup as a fraction of the epochs, when `--warmup` is not given. */
  warmupFraction: 0.1,
} as const;

/**
 * The trainer's schedule for the `--schedule` and `--warmup` flags (the
 * warmup defaults to a tenth of `--epochs`).
 *
 * @example
 * scheduleOf({ schedule: 'cosine', warmup: undefined, epochs: 50 }); // { kind: 'cosine', warmup: 5 }
 */
export function scheduleOf(opts: Pick<TrainCommandOptions, 'schedule' | 'warmup' | 'epochs'>): { kind: 'constant' } | { kind: 'cosine'; warmup: number } {
  if (opts.schedule !== 'cosine') return { kind: 'constant' };
  return { kind: 'cosine', warmup: opts.warmup ?? opts.epochs * DEFAULT_RECIPE.warmupFraction };
}

/**
 * The trainer's optimizer for the `--optimizer`, `--lr`, `--beta2` and
 * `--weight-decay` flags (beta2 is Adam's; the other optimizers ignore it).
 *
 * @example
 * optimizerOf({ optimizer: 'adam', lr: 5e-3, beta2: 0.99 }); // { name: 'adam', learningRate: 0.005, beta2: 0.99 }
 */
export function optimizerOf(opts: Pick<TrainCommandOptions, 'optimizer' | 'lr' | 'beta2' | 'weightDecay'>): { name: 'adam' | 'sgd' | 'rmsprop' | 'adagrad'; learningRate: number; beta2: number; weightDecay?: number } {
  const base = { name: opts.optimizer as 'adam', learningRate: opts.lr, beta2: opts.beta2 };
  return opts.weightDecay ? { ...base, weightDecay: opts.weightDecay } : base;
}

/**
 * The notice `hourglass train --resume` prints when the cosine curve changes
 * because `--epochs` differs from the run's first `--epochs`; undefined when
 * the curve is the same (same total, or a constant rate).
 *
 * @example
 * epochsChangeNotice({ schedule: 'cosine', warmup: undefined, epochs: 20 }, 10, 10);
 * // 'hourglass: resuming a run started with --epochs 10 with --epochs 20: the cosine schedule is re-derived for 20 epochs (warmup 2) and taken up at epoch 11; ...'
 */
export function epochsChangeNotice(opts: Pick<TrainCommandOptions, 'schedule' | 'warmup' | 'epochs'>, startedWith: number | undefined, startEpoch: number): string | undefined {
  const schedule = scheduleOf(opts);
  if (schedule.kind !== 'cosine' || startedWith === undefined || startedWith === opts.epochs) return undefined;
  return (
    `hourglass: resuming a run started with --epochs ${startedWith} with --epochs ${opts.epochs}: the cosine schedule is re-derived for ${opts.epochs} epochs ` +
    `(warmup ${Number(schedule.warmup.toPrecision(6))}) and taken up at epoch ${startEpoch + 1}; resume with --epochs ${startedWith} to continue the run's own curve\n`
  );
}

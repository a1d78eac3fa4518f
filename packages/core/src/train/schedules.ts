/**
 * Learning-rate schedules. Step decay, exponential decay and
 * reduce-on-plateau (which watches the monitored loss) change the rate
 * between epochs. Cosine changes it before every batch: a linear warmup from
 * near zero to the optimizer's learning rate (the peak) over `warmup` epochs,
 * then a half cosine down to `minLearningRate` at the end of the run. Its
 * rate is a function of the position in the run only (epoch and batch), so
 * a resumed run follows the same curve.
 */
import { s, type Infer } from '../schema.js';

export const scheduleOptions = s.object({
  kind: s.enum(['constant', 'step', 'exponential', 'plateau', 'cosine'] as const, { default: 'constant' }),
  /** step: multiply by `factor` every `every` epochs. */
  every: s.int({ min: 1, default: 10 }),
  /** step / plateau: the multiplier; exponential: the per-epoch decay. */
  factor: s.number({ gt: 0, lt: 1, default: 0.5 }),
  /** plateau: epochs without improvement before reducing. */
  patience: s.int({ min: 1, default: 5 }),
  /** plateau: smallest decrease that counts as improvement. */
  minDelta: s.number({ min: 0, default: 1e-4 }),
  /** lower bound of the learning rate; cosine: where it ends. */
  minLearningRate: s.number({ min: 0, default: 0 }),
  /** cosine: epochs (may be fractional) of linear warmup up to the peak. */
  warmup: s.number({ min: 0, default: 1 }),
});
export type ScheduleConfig = Infer<typeof scheduleOptions>;

/** Mutable state of a schedule, saved in checkpoints. */
export interface ScheduleState {
  best: number;
  wait: number;
}

/**
 * The learning rate for the epoch after `epoch` (0-based) has ended.
 *
 * @example
 * nextLearningRate({ ...cfg, kind: 'step', every: 10, factor: 0.5 }, 1e-3, 9, 0.1, state); // 5e-4
 */
export function nextLearningRate(cfg: ScheduleConfig, current: number, epoch: number, monitored: number, state: ScheduleState): number {
  let lr = current;
  switch (cfg.kind) {
    case 'constant':
    case 'cosine': // set before every batch by batchLearningRate
      return current;
    case 'step':
      if ((epoch + 1) % cfg.every === 0) lr = current * cfg.factor;
      break;
    case 'exponential':
      lr = current * cfg.factor;
      break;
    case 'plateau':
      if (monitored < state.best - cfg.minDelta) {
        state.best = monitored;
        state.wait = 0;
      } else if (++state.wait >= cfg.patience) {
        state.wait = 0;
        lr = current * cfg.factor;
      }
      break;
  }
  return Math.max(lr, cfg.minLearningRate);
}

/** Where a batch falls in a run, for the schedules that change the rate within epochs. */
export interface RunPosition {
  /** 0-based epoch. */
  epoch: number;
  /** 0-based batch within the epoch. */
  batch: number;
  /** Batches per epoch; unknown (a stream without a count): the rate changes once per epoch. */
  batchesPerEpoch?: number;
  /** Epochs of the whole run. */
  epochs: number;
}

/**
 * The learning rate for one batch under a per-batch schedule (cosine), or
 * undefined when the schedule changes the rate only between epochs.
 * `peak` is the optimizer's configured learning rate.
 *
 * @example
 * batchLearningRate({ ...cfg, kind: 'cosine', warmup: 1 }, 3e-3, { epoch: 0, batch: 0, batchesPerEpoch: 32, epochs: 50 }); // 3e-3 / 32
 */
export function batchLearningRate(cfg: ScheduleConfig, peak: number, at: RunPosition): number | undefined {
  if (cfg.kind !== 'cosine') return undefined;
  const perEpoch = at.batchesPerEpoch && at.batchesPerEpoch > 0 ? at.batchesPerEpoch : 1;
  const batch = Math.min(at.batch, perEpoch - 1);
  // Position in epochs, counting this batch as done (the first batch of a warmup is not at 0).
  const t = at.epoch + (batch + 1) / perEpoch;
  if (t <= cfg.warmup) return Math.max(peak * (t / cfg.warmup), Number.MIN_VALUE);
  const span = at.epochs - cfg.warmup;
  const progress = span > 0 ? Math.min(1, (t - cfg.warmup) / span) : 1;
  const floor = Math.min(cfg.minLearningRate, peak);
  return Math.max(floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)), Number.MIN_VALUE);
}

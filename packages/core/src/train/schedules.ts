/**
 * Learning-rate schedules, applied between epochs: step decay, exponential
 * decay, and reduce-on-plateau (which watches the monitored loss).
 */
import { s, type Infer } from '../schema.js';

export const scheduleOptions = s.object({
  kind: s.enum(['constant', 'step', 'exponential', 'plateau'] as const, { default: 'constant' }),
  /** step: multiply by `factor` every `every` epochs. */
  every: s.int({ min: 1, default: 10 }),
  /** step / plateau: the multiplier; exponential: the per-epoch decay. */
  factor: s.number({ gt: 0, lt: 1, default: 0.5 }),
  /** plateau: epochs without improvement before reducing. */
  patience: s.int({ min: 1, default: 5 }),
  /** plateau: smallest decrease that counts as improvement. */
  minDelta: s.number({ min: 0, default: 1e-4 }),
  /** lower bound of the learning rate. */
  minLearningRate: s.number({ min: 0, default: 0 }),
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

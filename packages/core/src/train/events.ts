/** The trainer's event stream: what a progress bar, logger or callback sees. */
import type { Hint } from '@hourglass/errors';

/** Metrics of one finished epoch (losses are per entry, mean over samples). */
export interface EpochMetrics {
  /** 0-based epoch index. */
  epoch: number;
  /** Mean training loss (reconstruction plus all terms). */
  loss: number;
  /** Mean of each named training term (always includes `reconstruction`). */
  terms: Record<string, number>;
  /** Mean reconstruction error on the validation data (clean, no terms). */
  valLoss?: number;
  learningRate: number;
  samplesPerSec: number;
  seconds: number;
}

/** Why training stopped. */
export type StopReason = 'completed' | 'early-stopping' | 'aborted' | 'diverged';

export type TrainEvent =
  | { type: 'start'; epochs: number; startEpoch: number; batchesPerEpoch?: number; samples?: number }
  | { type: 'batch'; epoch: number; batch: number; batches?: number; samples: number; loss?: number; terms?: Record<string, number> }
  | { type: 'epoch'; metrics: EpochMetrics; best: boolean }
  | { type: 'checkpoint'; epoch: number }
  /** `hint`: what to change, with option names structured (`renderHint` shows it as code or as flags). */
  | { type: 'stop'; reason: StopReason; message: string; hint?: Hint };

/** Receives events; may be async (the trainer awaits it). */
export type TrainListener = (event: TrainEvent) => void | Promise<void>;

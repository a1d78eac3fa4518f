/**
 * The end of a run: the weights the model keeps (the best epoch's after
 * early stopping or divergence when they were kept, else the last good
 * ones after divergence, else the last epoch's), the closing message with
 * its hint, and the result.
 */
import { renderHint, type Hint } from '@hourglass/errors';
import type { TrainEvent } from './events.js';
import type { RunOutcome } from './epoch-loop.js';
import type { RunState } from './run-state.js';
import type { TrainResult } from './trainer.js';

/** What to change after a divergence: a tenth of the configured learning rate (the peak of a schedule), or gradient clipping. */
export function divergenceHint(learningRate: number): Hint {
  return ['lower the learning rate (', { option: 'learningRate', value: learningRate / 10 }, ') or clip gradients (', { option: 'clipNorm', value: 1 }, ')'];
}

/**
 * Settles the model's weights after `outcome`, emits the stop event and
 * returns the run's result.
 *
 * @example
 * return finishRun(run, await runEpochs(context), cfg.optimizer.learningRate, emit);
 */
export async function finishRun(run: RunState, outcome: RunOutcome, learningRate: number, emit: (e: TrainEvent) => Promise<void>): Promise<TrainResult> {
  const { stopReason } = outcome;
  let { message } = outcome;
  const { history } = run;
  let bestEpoch = history.length ? history[history.length - 1].epoch : -1;
  if ((stopReason === 'early-stopping' || stopReason === 'diverged') && run.restoreBest()) {
    bestEpoch = run.best.epoch;
    message += `; restored the weights of epoch ${run.best.epoch + 1}`;
  } else if (stopReason === 'diverged') {
    run.restoreLastGood();
    bestEpoch = run.lastGoodEpoch;
    message += `; kept the weights of epoch ${run.lastGoodEpoch + 1}, the last good one`;
  }
  const hint = stopReason === 'diverged' ? divergenceHint(learningRate) : undefined;
  await emit({ type: 'stop', reason: stopReason, message, hint });
  if (hint) message += `; ${renderHint(hint)}`;
  return { history, stopReason, message, bestEpoch, epochsRun: history.length };
}

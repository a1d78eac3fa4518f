/**
 * The flags of a series run and the combinations they refuse: `--horizon`,
 * `--season` and `--stride` need `--window`, `--objective` needs a horizon,
 * `--prediction-weight` weighs the prediction of a composite model only.
 * `--horizon h` makes the model forecast: its recipe gets a target of the
 * next h steps of every feature, predicted alone or beside the
 * reconstruction (`--objective composite`).
 */
import type { ModelRecipe, ModelTarget } from '@hourglass/core';
import { UsageError } from './exit-codes.js';

type Objective = ModelTarget['objective'];

/** Flags of `train` that shape a series run. */
export interface SeriesTrainFlags {
  window?: number;
  stride?: number;
  horizon?: number;
  objective?: Objective;
  predictionWeight?: number;
  season?: number;
}

/**
 * Throws a UsageError naming the flag when the series flags do not go together.
 *
 * @example
 * checkSeriesFlags({ horizon: 12 }); // throws: --horizon needs --window
 */
export function checkSeriesFlags(flags: SeriesTrainFlags): void {
  const need = (flag: string, what: string, why: string) => {
    throw new UsageError(`${flag} needs ${what}: ${why}`);
  };
  if (flags.window === undefined) {
    if (flags.horizon !== undefined) need('--horizon', '--window', 'the model forecasts the next steps of a series cut into windows (e.g. --window 48 --horizon 12)');
    if (flags.season !== undefined) need('--season', '--window', 'the season is that of a time series');
    if (flags.stride !== undefined) need('--stride', '--window', 'it is the number of steps between the starts of windows');
  }
  if (!flags.horizon) {
    if (flags.objective !== undefined) need(`--objective ${flags.objective}`, '--horizon', 'a model predicts the next --horizon steps; without it, it reconstructs its window');
    if (flags.predictionWeight !== undefined) need('--prediction-weight', '--horizon and --objective composite', 'it weighs the prediction against the reconstruction');
  }
  if (flags.predictionWeight !== undefined && flags.objective !== 'composite')
    need('--prediction-weight', '--objective composite', 'a predict model has the prediction loss alone, there is nothing to weigh it against');
}

/**
 * The recipe's target for `--horizon` (none without it): the next `horizon` steps of `features` features.
 *
 * @example
 * seriesTarget({ window: 48, horizon: 12 }, 1); // { shape: [12, 1], objective: 'predict' }
 */
export function seriesTarget(flags: SeriesTrainFlags, features: number): ModelRecipe['target'] {
  if (!flags.horizon) return undefined;
  const objective = flags.objective ?? 'predict';
  return { shape: [flags.horizon, features], objective, ...(objective === 'composite' && flags.predictionWeight !== undefined ? { weight: flags.predictionWeight } : {}) };
}

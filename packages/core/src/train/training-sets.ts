/**
 * The first step of a run: the data the trainer will fit and validate on.
 * Array data is checked against the model's input shape (and target shape,
 * for a model with a target: it then needs targets y), for finite values
 * and for the model's loss (binary cross-entropy needs values in [0, 1]);
 * without a validation set, `validationSplit` of the training array is
 * held out by a seeded shuffle.
 */
import { ConfigError } from '../errors.js';
import type { Autoencoder } from '../model/autoencoder.js';
import { checkLossFitsData } from '../model/loss-fit.js';
import { checkArrayData, checkConditions, isArrayData, splitValidation, type TrainData } from './data.js';

/** What a run trains and validates on. */
export interface TrainingSets {
  train: TrainData;
  validation?: TrainData;
}

/** Checks array data (and its targets, for a model with a target); throws unless `model` can learn it. */
function checkFits(model: Autoencoder, data: TrainData, what: string): void {
  if (!isArrayData(data)) return;
  const target = model.recipe.target;
  checkArrayData(data, model.recipe.inputShape, what, target?.shape);
  if (target?.objective !== 'predict') checkLossFitsData(model.loss, data.x, what);
  if (target) checkLossFitsData(model.loss, data.y!, `${what} (targets y)`);
  if (model.isConditional) checkConditions(data, model.conditionClasses, what);
}

/**
 * The training and validation data of a run, checked; the validation data
 * is `validation` when given, else a `validationSplit` fraction held out of
 * the training array (none when the fraction is 0).
 *
 * @example
 * const { train, validation } = trainingSets(model, data, undefined, { validationSplit: 0.1, seed: 1 });
 */
export function trainingSets(model: Autoencoder, data: TrainData, validation: TrainData | undefined, cfg: { validationSplit: number; seed: number }): TrainingSets {
  checkFits(model, data, 'training data');
  if (validation) checkFits(model, validation, 'validation data');
  if (validation || cfg.validationSplit === 0) return { train: data, validation };
  if (!isArrayData(data)) throw new ConfigError('train: validationSplit needs array data; give a validation set for streams');
  return splitValidation(data, cfg.validationSplit, cfg.seed);
}

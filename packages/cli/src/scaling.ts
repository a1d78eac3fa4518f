/**
 * Input scaling for the CLI: fitted on the training split only, applied
 * unchanged to the test split and to any data encoded later (the fitted
 * parameters are saved in the model as `model.scaling`).
 *
 * `auto` min-max scales data that leaves [0, 1] (binary cross-entropy needs
 * targets in [0, 1]) and leaves [0, 1] data alone.
 */
import { lossFitsData } from '@hourglass/core';
import { fitScaler, scalerFromJSON, type ArrayDataset, type Scaler } from '@hourglass/data';

export const SCALINGS = ['auto', 'none', 'minmax', 'standard'] as const;
export type ScalingChoice = (typeof SCALINGS)[number];

/**
 * The scaling `choice` means for training data `xs` (every part of it): none for `auto` when it stays in [0, 1].
 *
 * @example
 * scalingKind('auto', new Float32Array([0, 12])); // 'minmax'
 */
export function scalingKind(choice: ScalingChoice, ...xs: Float32Array[]): 'minmax' | 'standard' | undefined {
  if (choice === 'auto') return xs.every((x) => lossFitsData('bce', x)) ? undefined : 'minmax';
  return choice === 'none' ? undefined : choice;
}

/** Fits the chosen scaling on `train`; undefined when none applies. */
export function fitScaling(choice: ScalingChoice, train: ArrayDataset): Scaler | undefined {
  const kind = scalingKind(choice, train.x);
  return kind ? fitScaler(train, { kind, per: 'feature' }) : undefined;
}

/** The scaler saved in a model, if any. */
export function savedScaler(scaling: unknown): Scaler | undefined {
  return scaling === undefined || scaling === null ? undefined : scalerFromJSON(scaling);
}

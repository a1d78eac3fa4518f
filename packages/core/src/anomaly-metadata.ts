/**
 * The anomaly threshold a model carries: calibrated on training scores,
 * stored in `model.metadata.anomaly` so that the saved model flags new data
 * the same way, and checked on the way back in, since a model file may come
 * from anywhere (a wrong field is refused with the file and field named).
 */
import type { Autoencoder } from './model/autoencoder.js';
import type { TrainData } from './train/data.js';
import { scoreAll } from './train/evaluate.js';
import { calibrateThreshold } from './anomaly.js';
import { ModelFileError } from './errors.js';

/** What a model stores in `metadata.anomaly`. */
export interface AnomalyMetadata {
  /** Scores above this are anomalies. */
  threshold: number;
  /** Fraction of the calibration data the threshold flags, in [0, 1). */
  contamination: number;
  /** What the threshold was calibrated on, e.g. "8000 training samples". */
  calibratedOn: string;
}

/**
 * Calibrates an anomaly threshold on `data` (usually the training data):
 * the (1 - contamination) quantile of its scores. Store the result in
 * `model.metadata.anomaly` to save it with the model.
 *
 * @example
 * model.metadata.anomaly = await calibrateAnomaly(model, trainSet, 0.01);
 * await saveModel(model, 'run/model');
 */
export async function calibrateAnomaly(model: Autoencoder, data: TrainData, contamination: number, calibratedOn?: string): Promise<AnomalyMetadata> {
  const scores = await scoreAll(model, data);
  return { threshold: calibrateThreshold(scores, contamination), contamination, calibratedOn: calibratedOn ?? `${scores.length} training samples` };
}

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? String(v);

/**
 * Checks the `metadata.anomaly` field of a model read from `file`; returns
 * it typed, or throws a ModelFileError naming the field. A missing
 * `calibratedOn` reads as "the training data".
 *
 * @example
 * const anomaly = json.metadata?.anomaly === undefined ? undefined : readAnomalyMetadata(json.metadata.anomaly, 'run/model/model.json');
 * anomaly?.threshold; // a finite number
 */
export function readAnomalyMetadata(value: unknown, file: string): AnomalyMetadata {
  const bad = (field: string, expected: string, found: unknown): never => {
    throw new ModelFileError(`"${field}" must be ${expected}, found ${show(found)}; retrain the model, or remove the field`, file);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('metadata.anomaly', 'an object { threshold, contamination, calibratedOn }', value);
  const { threshold, contamination, calibratedOn } = value as Record<string, unknown>;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) bad('metadata.anomaly.threshold', 'a finite number', threshold);
  if (typeof contamination !== 'number' || !(contamination >= 0 && contamination < 1)) bad('metadata.anomaly.contamination', 'a number in [0, 1)', contamination);
  if (calibratedOn !== undefined && typeof calibratedOn !== 'string') bad('metadata.anomaly.calibratedOn', 'a string', calibratedOn);
  return { threshold: threshold as number, contamination: contamination as number, calibratedOn: (calibratedOn as string | undefined) ?? 'the training data' };
}

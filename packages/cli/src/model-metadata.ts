/**
 * What `hourglass train` stores in a model's free-form metadata, and its
 * validation on the way back in: a model folder may come from anywhere, so
 * a field of the wrong type is refused with the file and field named rather
 * than failing later in arithmetic.
 */
import { ModelFileError } from '@hourglass/core';

/** The anomaly settings `train --contamination` stores in a model's metadata. */
export interface AnomalyMetadata {
  threshold: number;
  contamination: number;
  calibratedOn: string;
}

/** The metadata fields the CLI reads back. */
export interface ModelMetadata {
  /** The training data's name. */
  dataset?: string;
  /** Feature names of the training data, in the model's input order. */
  columns?: string[];
  anomaly?: AnomalyMetadata;
}

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? String(v);

/**
 * Checks the metadata of a model read from `file`; returns the fields the
 * CLI uses, typed.
 *
 * @example
 * const meta = readModelMetadata(json.metadata, 'run/model/model.json');
 * meta.anomaly?.threshold; // a finite number
 */
export function readModelMetadata(metadata: unknown, file: string): ModelMetadata {
  const bad = (field: string, expected: string, value: unknown): never => {
    throw new ModelFileError(`"${field}" must be ${expected}, found ${show(value)}; retrain the model, or remove the field`, file);
  };
  if (metadata === undefined || metadata === null) return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return bad('metadata', 'an object', metadata);
  const m = metadata as Record<string, unknown>;
  const out: ModelMetadata = {};
  if (m.dataset !== undefined) out.dataset = typeof m.dataset === 'string' ? m.dataset : bad('metadata.dataset', 'a string', m.dataset);
  if (m.columns !== undefined) {
    const ok = Array.isArray(m.columns) && m.columns.every((c) => typeof c === 'string') && new Set(m.columns).size === m.columns.length;
    out.columns = ok ? (m.columns as string[]) : bad('metadata.columns', 'a list of distinct column names', m.columns);
  }
  if (m.anomaly !== undefined) {
    const a = m.anomaly as Record<string, unknown>;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) bad('metadata.anomaly', 'an object { threshold, contamination, calibratedOn }', a);
    const { threshold, contamination, calibratedOn } = a;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) bad('metadata.anomaly.threshold', 'a finite number', threshold);
    if (typeof contamination !== 'number' || !(contamination >= 0 && contamination < 1)) bad('metadata.anomaly.contamination', 'a number in [0, 1)', contamination);
    if (calibratedOn !== undefined && typeof calibratedOn !== 'string') bad('metadata.anomaly.calibratedOn', 'a string', calibratedOn);
    out.anomaly = { threshold: threshold as number, contamination: contamination as number, calibratedOn: (calibratedOn as string | undefined) ?? 'the training data' };
  }
  return out;
}

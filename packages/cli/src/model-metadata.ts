/**
 * What `hourglass train` stores in a model's free-form metadata, and its
 * validation on the way back in (the anomaly threshold's shape and check
 * are core's, `readAnomalyMetadata`): a model folder may come from anywhere, so
 * a field of the wrong type is refused with the file and field named rather
 * than failing later in arithmetic.
 */
import { ModelFileError, readAnomalyMetadata, type AnomalyMetadata } from '@hourglass/core';
import { readRecommenderMetadata, type RecommenderMetadata } from './recommender-metadata.js';
import { readSeriesMetadata, type SeriesMetadata } from './series-metadata.js';

/** The metadata fields the CLI reads back. */
export interface ModelMetadata {
  /** The training data's name. */
  dataset?: string;
  /** Feature names of the training data, in the model's input order. */
  columns?: string[];
  anomaly?: AnomalyMetadata;
  /** Set when the model was trained on a series (`train --window`). */
  series?: SeriesMetadata;
  /** A conditional model's classes, index -> name (`train --conditional`; see class-names.ts). */
  classNames?: string[];
  /** Set when the model was trained on a ratings or clicks file (see recommender-metadata.ts). */
  recommender?: RecommenderMetadata;
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
  if (m.anomaly !== undefined) out.anomaly = readAnomalyMetadata(m.anomaly, file);
  if (m.series !== undefined) out.series = readSeriesMetadata(m.series, file);
  if (m.recommender !== undefined) out.recommender = readRecommenderMetadata(m.recommender, file);
  if (m.classNames !== undefined) {
    const ok = Array.isArray(m.classNames) && m.classNames.length > 0 && m.classNames.every((c) => typeof c === 'string') && new Set(m.classNames).size === m.classNames.length;
    out.classNames = ok ? (m.classNames as string[]) : bad('metadata.classNames', 'a list of distinct class names', m.classNames);
  }
  return out;
}

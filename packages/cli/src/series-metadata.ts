/**
 * What `hourglass train --window` records in a model's metadata so that
 * `forecast`, `detect` and `evaluate` cut the same windows and the same
 * contiguous split of a series later: the window, horizon and stride, the
 * split fractions (of each series' steps: the test range last, the
 * validation range just before it) and the season when one was given. The
 * feature columns are the model's `columns`. Checked on the way back in,
 * like the rest of the metadata.
 */
import { ModelFileError } from '@hourglass/core';

/** The `metadata.series` field of a model trained on a series. */
export interface SeriesMetadata {
  /** Steps per input window. */
  window: number;
  /** Steps forecast after each window (0: a reconstruction-only model). */
  horizon: number;
  /** Steps between the starts of training windows. */
  stride: number;
  /** Fractions of each series' steps: the test range (last) and the validation range (before it). */
  split: { test: number; validation: number };
  /** The season of the seasonal-naive baseline, when given at training. */
  season?: number;
}

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? String(v);

/**
 * Checks `metadata.series` of a model read from `file`; returns it typed.
 *
 * @example
 * const series = readSeriesMetadata({ window: 48, horizon: 12, stride: 1, split: { test: 0.2, validation: 0 } }, 'run/model/model.json');
 */
export function readSeriesMetadata(value: unknown, file: string): SeriesMetadata {
  const bad = (field: string, expected: string, found: unknown): never => {
    throw new ModelFileError(`"metadata.series${field}" must be ${expected}, found ${show(found)}; retrain the model, or remove the field`, file);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('', 'an object { window, horizon, stride, split }', value);
  const v = value as Record<string, unknown>;
  const int = (key: string, min: number) => (Number.isInteger(v[key]) && (v[key] as number) >= min ? (v[key] as number) : bad(`.${key}`, `an integer >= ${min}`, v[key]));
  const out: SeriesMetadata = { window: int('window', 1), horizon: int('horizon', 0), stride: int('stride', 1), split: { test: 0, validation: 0 } };
  const split = v.split as Record<string, unknown> | null;
  if (typeof split !== 'object' || split === null) return bad('.split', 'an object { test, validation }', split);
  const fraction = (key: 'test' | 'validation') => {
    const f = split[key];
    return typeof f === 'number' && f >= 0 && f < 1 ? f : bad(`.split.${key}`, 'a fraction in [0, 1)', f);
  };
  out.split = { test: fraction('test'), validation: fraction('validation') };
  if (out.split.test + out.split.validation >= 1) bad('.split', 'fractions that leave a training range', split);
  if (v.season !== undefined) out.season = int('season', 2);
  return out;
}

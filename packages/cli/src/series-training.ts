/**
 * The data step of `hourglass train --window`: the series are split by
 * time, not by shuffling (the first steps of each series train, the last
 * `test` fraction tests, the validation range sits just before the test
 * range), the scaling is fitted per feature on the training ranges alone,
 * and windows (with their next `horizon` steps as targets) are cut inside
 * each range, so no test window shares a step with a training window.
 */
import { fitSeriesScaler, selectRows, splitSeries, windowSeries, type ArrayDataset, type Scaler, type SeriesWindows } from '@hourglass/data';
import { readOptions, type DataFlags, type TrainingData } from './data.js';
import { scalingKind, type ScalingChoice } from './scaling.js';
import { readSeriesFlag } from './series-files.js';
import type { SeriesMetadata } from './series-metadata.js';
import type { SeriesTrainFlags } from './series-flags.js';

/** The fraction of each series' steps the test range takes. */
export const SERIES_TEST = 0.2;

/** What a series run trains on. */
export interface SeriesTraining {
  /** Windows of the training, validation and test ranges, scaled. */
  data: TrainingData & { train: SeriesWindows; validation?: SeriesWindows; test?: SeriesWindows };
  /** The training ranges of every series, scaled (for calibrating per-step thresholds). */
  trainParts: ArrayDataset[];
  scaler?: Scaler;
  series: SeriesMetadata;
}

const firstRows = <T extends ArrayDataset>(ds: T, limit?: number): T => (limit === undefined || limit >= ds.n ? ds : selectRows(ds, Int32Array.from({ length: limit }, (_, i) => i)));

/**
 * Reads the series `--data` names and cuts them into scaled windows of contiguous ranges.
 * `validation` is the fraction of the training range held out before the test range.
 *
 * @example
 * const { data, series } = loadSeriesTraining({ data: 'load.csv', columns: 'value', window: 48, horizon: 12, scale: 'auto' }, 0);
 */
export function loadSeriesTraining(opts: DataFlags & SeriesTrainFlags & { data: string; scale: ScalingChoice; limit?: number }, validation: number): SeriesTraining {
  const window = opts.window!;
  const horizon = opts.horizon ?? 0;
  const stride = opts.stride ?? 1;
  const parts = readSeriesFlag(opts.data, readOptions({ ...opts, window: undefined }));
  const split = { test: SERIES_TEST, validation: Number((validation * (1 - SERIES_TEST)).toFixed(6)) }; // of the whole series
  const ranges = splitSeries(parts, { ...split, window, horizon });
  const kind = scalingKind(opts.scale, ...ranges.train.map((p) => p.x));
  const scaler = kind ? fitSeriesScaler(ranges.train, kind) : undefined;
  const scale = (ps: ArrayDataset[]) => (scaler ? ps.map((p) => scaler.transform(p)) : ps);
  const cut = (ps: ArrayDataset[], name: string) => ({ ...windowSeries(scale(ps), { window, horizon, stride }), name });
  const name = parts.length === 1 ? parts[0].name : `${parts.length} series`;
  const train = firstRows(cut(ranges.train, `${name}/train`), opts.limit);
  const test = firstRows(cut(ranges.test, `${name}/test`), opts.limit);
  const val = ranges.validation && split.validation > 0 ? cut(ranges.validation, `${name}/validation`) : undefined;
  const data = {
    name,
    train,
    test,
    ...(val ? { validation: val } : {}),
    split: { train: train.n, ...(val ? { validation: val.n } : {}), test: test.n, series: parts.length, ranges: ranges.ranges, fractions: split },
  };
  return { data, trainParts: scale(ranges.train), scaler, series: { window, horizon, stride, split } };
}

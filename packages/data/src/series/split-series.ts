/**
 * Honest splits of time series: each series is cut into contiguous step
 * ranges, train first, then validation, then test last, so that no test step
 * is seen in training and windows cut later inside each part (windowSeries)
 * never share a step across parts. Sizes are fractions of each series'
 * length (rounded) or step counts, the same for every series.
 */
import { selectRows } from '../dataset.js';
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';
import { seriesList } from './series-list.js';

/** A step range [from, to) of a series. */
export type StepRange = [from: number, to: number];

/** Where each part of one series lies, in steps of that series. */
export interface SeriesRanges {
  train: StepRange;
  validation?: StepRange;
  test: StepRange;
}

/**
 * A contiguous part of a series: a step dataset that remembers which series it
 * came from and at which step it starts, so windows cut from it know their
 * place in the series.
 */
export interface SeriesPart extends ArrayDataset {
  /** Index of the series in the list given to splitSeries. */
  seriesIndex: number;
  /** The part's first step, counted in its series. */
  offset: number;
}

/** Options of splitSeries: sizes as a fraction in (0, 1) of each series, or a step count. */
export interface SeriesSplitOptions {
  /** Test steps at the end of each series (default 0.2). */
  test?: number;
  /** Validation steps just before the test range (default 0: none). */
  validation?: number;
  /** When given, every part asked for must hold at least window + horizon steps. */
  window?: number;
  /** Steps forecast after each window (default 0). */
  horizon?: number;
}

/** The parts of a series split: one entry per series in each list. */
export interface SeriesSplit {
  train: SeriesPart[];
  validation?: SeriesPart[];
  test: SeriesPart[];
  /** ranges[i]: where the parts of series i lie. */
  ranges: SeriesRanges[];
}

/**
 * Splits one or several series into contiguous train, (validation,) and test
 * step ranges, in that order in time.
 *
 * @example
 * const { train, test, ranges } = splitSeries(readCsv('load.csv', { columns: ['kw'] }), { test: 0.2, window: 48, horizon: 12 });
 * ranges[0]; // { train: [0, 800], test: [800, 1000] } for 1000 steps
 */
export function splitSeries(series: ArrayDataset | readonly ArrayDataset[], options: SeriesSplitOptions = {}): SeriesSplit {
  const list = seriesList(series);
  const test = options.test ?? 0.2;
  const validation = options.validation ?? 0;
  const horizon = options.horizon ?? 0;
  checkSize(test, 'test');
  checkSize(validation, 'validation');
  if (options.window !== undefined && (!Number.isInteger(options.window) || options.window < 1)) {
    throw new DataError(`window must be an integer >= 1, got ${options.window}`);
  }
  if (!Number.isInteger(horizon) || horizon < 0) throw new DataError(`horizon must be an integer >= 0, got ${horizon}`);
  const need = options.window === undefined ? 1 : options.window + horizon;

  const result: SeriesSplit = { train: [], test: [], ranges: [] };
  if (validation > 0) result.validation = [];
  list.forEach((s, i) => {
    const nTest = steps(test, s, 'test');
    const nVal = steps(validation, s, 'validation');
    const nTrain = s.n - nTest - nVal;
    const ranges: SeriesRanges = validation > 0
      ? { train: [0, nTrain], validation: [nTrain, nTrain + nVal], test: [nTrain + nVal, s.n] }
      : { train: [0, nTrain], test: [nTrain, s.n] };
    for (const part of ['train', 'validation', 'test'] as const) {
      const range = ranges[part];
      if (!range || (part !== 'train' && (part === 'test' ? test : validation) === 0)) continue;
      const length = range[1] - range[0];
      if (length < need) {
        const what = options.window === undefined ? 'at least 1' : `window ${options.window} + horizon ${horizon} = ${need}`;
        throw new DataError(
          `${s.name}: the ${part} part has ${length} of the series' ${s.n} steps, fewer than ${what}`,
          { hint: ['use a longer series, a smaller ', { option: 'window' }, ', or other ', { option: 'test' }, ' and ', { option: 'validation' }, ' sizes'] },
        );
      }
    }
    result.ranges.push(ranges);
    result.train.push(cut(s, i, ranges.train, 'train'));
    if (ranges.validation) result.validation!.push(cut(s, i, ranges.validation, 'validation'));
    result.test.push(cut(s, i, ranges.test, 'test'));
  });
  return result;
}

function cut(s: ArrayDataset, seriesIndex: number, [from, to]: StepRange, name: string): SeriesPart {
  const rows = Int32Array.from({ length: to - from }, (_, k) => from + k);
  return { ...selectRows(s, rows, `${s.name}/${name}`), seriesIndex, offset: from };
}

function checkSize(value: number, part: string): void {
  if (!Number.isFinite(value) || value < 0 || (value >= 1 && !Number.isInteger(value))) {
    throw new DataError(`${part} must be a fraction in (0, 1) or a whole number of steps, got ${value}`);
  }
}

function steps(value: number, s: ArrayDataset, part: string): number {
  if (value === 0) return 0;
  if (value < 1) return Math.round(value * s.n);
  if (value >= s.n) throw new DataError(`${s.name}: ${part} asks for ${value} steps but the series has only ${s.n}`);
  return value;
}

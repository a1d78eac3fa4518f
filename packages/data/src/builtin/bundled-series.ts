/**
 * Series shipped inside this package (its `datasets/` folder), read by name:
 * two files of the Numenta Anomaly Benchmark (github.com/numenta/NAB, MIT
 * licence, `datasets/nab/LICENSE`), with NAB's label windows. They are small
 * (140 KB each) and are what the Keras time-series anomaly example trains and
 * tests on, so examples and benchmarks run with nothing to download.
 *
 *   nab/art_daily_small_noise   4,032 steps of 5 minutes, no anomaly (training)
 *   nab/art_daily_jumpsup       4,032 steps, one labelled jump (testing)
 *
 * The folder is found by walking up from this module, so the same code works
 * from `src/` (tests) and from `dist/` (the published build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../errors.js';

/** Each bundled series and its key in NAB's label files. */
const nabKeys = {
  'nab/art_daily_small_noise': 'artificialNoAnomaly/art_daily_small_noise.csv',
  'nab/art_daily_jumpsup': 'artificialWithAnomaly/art_daily_jumpsup.csv',
} as const;

/** Names of the bundled series (readData accepts them in place of a path). */
export const bundledSeriesNames = Object.keys(nabKeys) as Array<keyof typeof nabKeys>;

/** A name of {@link bundledSeriesNames}. */
export type BundledSeriesName = keyof typeof nabKeys;

/** NAB's labels of one bundled series, as row indices of its CSV (header excluded). */
export interface BundledSeriesLabels {
  /** The timestamp of every row. */
  timestamps: string[];
  /** NAB's anomaly windows as row ranges `[from, to)` (NAB's windows include both ends). */
  windows: Array<[number, number]>;
  /** 1 for a row inside a window, else 0. */
  points: Uint8Array;
  /** Rows of NAB's point labels (the anomaly itself, at the centre of its window). */
  anomalies: number[];
}

/**
 * Whether a string names a bundled series.
 *
 * @example
 * isBundledSeries('nab/art_daily_jumpsup'); // true
 */
export function isBundledSeries(name: string): name is BundledSeriesName {
  return Object.prototype.hasOwnProperty.call(nabKeys, name);
}

/**
 * The CSV file of a bundled series (columns `timestamp`, `value`).
 *
 * @example
 * readCsv(bundledSeriesFile('nab/art_daily_jumpsup'), { columns: ['value'] }); // n 4032, sampleShape [1]
 */
export function bundledSeriesFile(name: BundledSeriesName | string): string {
  if (!isBundledSeries(name)) throw new DataError(`unknown bundled series "${name}", expected one of: ${bundledSeriesNames.join(', ')}`);
  return join(datasetsDir(), `${name}.csv`);
}

/**
 * NAB's label windows and point labels of a bundled series, as rows.
 *
 * @example
 * const { windows, points } = bundledSeriesLabels('nab/art_daily_jumpsup');
 * windows; // [[2787, 3190]]: 403 labelled rows
 */
export function bundledSeriesLabels(name: BundledSeriesName | string): BundledSeriesLabels {
  const file = bundledSeriesFile(name);
  const key = nabKeys[name as BundledSeriesName];
  const timestamps = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.slice(0, line.indexOf(',')));
  const row = new Map(timestamps.map((t, i) => [t, i]));
  const at = (stamp: string): number => {
    const i = row.get(stamp.replace(/\.0+$/, ''));
    if (i === undefined) throw new DataError(`label timestamp ${stamp} is not a row of the series`, { file });
    return i;
  };
  const dir = dirname(file);
  const windows = (readJson(join(dir, 'combined_windows.json'))[key] as [string, string][]).map(([a, b]): [number, number] => [at(a), at(b) + 1]);
  const anomalies = (readJson(join(dir, 'combined_labels.json'))[key] as string[]).map(at);
  const points = new Uint8Array(timestamps.length);
  for (const [a, b] of windows) points.fill(1, a, b);
  return { timestamps, windows, points, anomalies };
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

let found: string | undefined;

function datasetsDir(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'datasets', 'nab', 'LICENSE'))) return (found = join(dir, 'datasets'));
  }
  throw new DataError('the bundled datasets folder of @hourglass/data is missing (datasets/nab next to dist/)');
}

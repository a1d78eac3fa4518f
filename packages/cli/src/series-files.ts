/**
 * Reading the time series `--data` names for `--window`: one CSV file,
 * several (`a.csv,b.csv`) or a folder of CSV files, one series each (data's
 * `readSeries`: one time step per row, oldest first, the same columns in
 * every file), or a series bundled with the data package by its name
 * (`nab/art_daily_jumpsup`). A built-in image dataset is refused, naming the flag.
 */
import { existsSync } from 'node:fs';
import { bundledSeriesFile, isBundledSeries, isDatasetName, readSeries, type ArrayDataset, type ReadDataOptions } from '@hourglass/data';
import { UsageError } from './exit-codes.js';

/**
 * Reads every series `spec` names with the reader options `read` (columns, label, missing values).
 *
 * @example
 * const series = readSeriesFlag('a.csv,b.csv', { columns: ['value'] }); // two step datasets
 */
export function readSeriesFlag(spec: string, read: ReadDataOptions): ArrayDataset[] {
  if (!existsSync(spec) && isDatasetName(spec)) throw new UsageError(`--window reads a time series from CSV files, one step per row; ${spec} is a dataset of images`);
  const named = (f: string) => (!existsSync(f) && isBundledSeries(f) ? bundledSeriesFile(f) : f);
  const files = existsSync(spec) || !spec.includes(',') ? named(spec) : spec.split(',').map((f) => named(f.trim())).filter(Boolean);
  return readSeries(files, read);
}

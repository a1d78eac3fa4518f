/**
 * Reading several series (Node only): one CSV file per series, given as a
 * list of files or as a folder whose CSV files are read in name order. Every
 * file must give the same columns, so one model and one scaler fit them all;
 * a file that differs is named in the error.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { fileError, isDirectory } from '../formats/file-bytes.js';
import { readCsv, type CsvFileOptions } from '../formats/csv-read.js';
import type { ArrayDataset } from '../types.js';

/** Files a folder of series is read from: CSV / TSV, gzipped or not. */
const SERIES_FILE = /\.(csv|tsv|tab)(\.gz)?$/i;

/**
 * Reads one step dataset per file (a list of files, or a folder of CSV files
 * in name order), each with the same feature columns.
 *
 * @example
 * const series = readSeries('sensors/', { columns: ['temperature', 'humidity'] });
 * const { train, test } = splitSeries(series, { test: 0.2, window: 48 });
 */
export function readSeries(files: string | readonly string[], options: CsvFileOptions = {}): ArrayDataset[] {
  const list = typeof files === 'string' ? (isDirectory(files) ? seriesFiles(files) : [files]) : [...files];
  if (list.length === 0) throw new DataError('expected at least one series file, got an empty list');
  const series = list.map((file) => readCsv(file, { ...options, name: undefined }));
  const first = series[0];
  series.forEach((s, i) => {
    if (i === 0) return;
    const same = s.sampleShape[0] === first.sampleShape[0] && (s.columns ?? []).join('\u0000') === (first.columns ?? []).join('\u0000');
    if (!same) {
      const describe = (d: ArrayDataset) => (d.columns ? `the columns ${JSON.stringify(d.columns)}` : `${d.sampleShape[0]} unnamed columns`);
      throw new DataError(`has ${describe(s)}, but ${list[0]} has ${describe(first)}`, {
        file: list[i],
        hint: ['name the same columns in every file, or pick them with ', { option: 'columns' }],
      });
    }
  });
  return series;
}

function seriesFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.') && SERIES_FILE.test(e.name))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (e) {
    throw fileError(e, dir);
  }
  if (names.length === 0) throw new DataError('the folder holds no CSV files (.csv, .tsv, optionally .gz)', { file: dir });
  return names.map((n) => join(dir, n));
}

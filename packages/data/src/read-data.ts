/**
 * One entry point for any data: a built-in dataset name, a bundled series
 * (`nab/art_daily_jumpsup`, read as its CSV file), a file, or a folder.
 *
 * How the reader is chosen, in order:
 * 1. a path that exists wins over a dataset name; a folder is read as images;
 * 2. `options.format`, when given;
 * 3. the file name: `.npy`, `.idx` / `-ubyte`, `.png` / `.jpg`, `u.data` /
 *    `ratings.csv` / `ratings.dat` (ratings), `.csv` / `.tsv` / `.txt`
 *    (`.gz` endings are looked through);
 * 4. otherwise the first bytes: NPY or gzip magic, PNG / JPEG magic, an IDX
 *    header, a ratings header (`userId,movieId,rating`), else text as CSV.
 * A reader chosen by name still checks the content, so a misnamed file gets a
 * precise error from that reader rather than being misread.
 * For IDX images named `*-images-*`, a sibling `*-labels-*` file is used as
 * labels unless `labels` is given (or `labels: false`).
 * With `window`, the result (one time step per row) is cut into sliding windows.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { bundledSeriesFile, bundledSeriesNames, isBundledSeries } from './builtin/bundled-series.js';
import { datasetNames, isDatasetName, loadDataset, type LoadDatasetOptions } from './builtin/load-dataset.js';
import { DataError } from './errors.js';
import type { CsvOptions } from './formats/csv-plan.js';
import { readCsv } from './formats/csv-read.js';
import { exists, fileError, isDirectory } from './formats/file-bytes.js';
import { baseName } from './formats/file-name.js';
import { isGzip } from './formats/gzip.js';
import { imageKind } from './formats/image-decode.js';
import { readImageFiles, readImageFolder, type ImageOptions } from './formats/images.js';
import type { DecompressOptions } from './formats/limits.js';
import { readIdx } from './formats/idx-read.js';
import { readNpy } from './formats/npy-read.js';
import type { RatingsOptions } from './formats/ratings.js';
import { readRatings } from './formats/ratings-read.js';
import { slidingWindows, type WindowOptions } from './formats/windows.js';
import type { ArrayDataset } from './types.js';

/** The readers readData can pick. */
export type DataFormat = 'dataset' | 'idx' | 'npy' | 'csv' | 'images' | 'ratings';

/** Options of readData: those of every reader, plus the format and windowing. */
export interface ReadDataOptions extends CsvOptions, ImageOptions, RatingsOptions, LoadDatasetOptions, DecompressOptions {
  /** Skip detection and use this reader. */
  format?: DataFormat;
  /** IDX / NPY: a labels file; false to skip the automatic `*-labels-*` lookup for IDX. */
  labels?: string | false;
  /** IDX / NPY / datasets: divide uint8 (or 0-255) data by 255 (default true). */
  scale?: boolean;
  /** Cut the result into sliding windows (time series). */
  window?: WindowOptions;
}

/**
 * Reads a dataset name, a file or a folder, choosing the reader by extension and content.
 *
 * @example
 * const digits = readData('mnist');
 * const table = readData('measurements.csv', { label: 'class' });
 * const windows = readData('sensor.csv', { columns: ['temp'], window: { window: 32, horizon: 1 } });
 * const series = readData('nab/art_daily_jumpsup', { columns: ['value'] }); // 4,032 steps
 */
export function readData(pathOrName: string, options: ReadDataOptions = {}): ArrayDataset {
  const path = !exists(pathOrName) && isBundledSeries(pathOrName) ? bundledSeriesFile(pathOrName) : pathOrName;
  const format = options.format ?? detectFormat(path);
  const ds = readAs(format, path, options);
  return options.window ? slidingWindows(ds, options.window) : ds;
}

function readAs(format: DataFormat, path: string, options: ReadDataOptions): ArrayDataset {
  const labels = options.labels === false ? undefined : options.labels;
  const { name, scale, maxDecompressedBytes } = options;
  switch (format) {
    case 'dataset':
      return loadDataset(path, options);
    case 'idx':
      return readIdx(path, { labels: options.labels === false ? undefined : labels ?? siblingLabels(path), scale, name, maxDecompressedBytes });
    case 'npy':
      return readNpy(path, { labels, scale, name, missing: options.missing, maxDecompressedBytes });
    case 'images':
      return isDirectory(path) ? readImageFolder(path, options) : readImageFiles([path], { ...options, name: name ?? baseName(path) });
    case 'ratings':
      return readRatings(path, options);
    case 'csv':
      return readCsv(path, options);
    default:
      throw new DataError(`unknown format ${JSON.stringify(format)}, expected dataset, idx, npy, csv, images or ratings`);
  }
}

/**
 * Which reader readData would use for a path or dataset name.
 *
 * @example
 * detectFormat('train-images-idx3-ubyte.gz'); // 'idx'
 */
export function detectFormat(pathOrName: string): DataFormat {
  if (!exists(pathOrName)) {
    if (isDatasetName(pathOrName)) return 'dataset';
    if (isBundledSeries(pathOrName)) return 'csv';
    throw new DataError(`no such file or folder, and not a built-in dataset (${[...datasetNames, ...bundledSeriesNames].join(', ')})`, { file: pathOrName });
  }
  if (isDirectory(pathOrName)) return 'images';
  const name = baseName(pathOrName).toLowerCase(); // without .gz
  if (name.endsWith('.npy')) return 'npy';
  if (name.endsWith('.idx') || /-ubyte$|\.idx\d-ubyte$/.test(name)) return 'idx';
  if (/\.(png|jpe?g)$/.test(name)) return 'images';
  if (name === 'u.data' || name === 'ratings.csv' || name === 'ratings.dat') return 'ratings';
  if (/\.(csv|tsv|tab|txt)$/.test(name)) return 'csv';
  const head = peek(pathOrName);
  if (head.length >= 6 && head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === 'NUMPY') return 'npy';
  if (imageKind(head)) return 'images';
  if (head.length >= 4 && head[0] === 0 && head[1] === 0 && [8, 9, 0x0b, 0x0c, 0x0d, 0x0e].includes(head[2]) && head[3] >= 1) return 'idx';
  const text = Buffer.from(head).toString('utf8');
  if (/^\s*"?userId"?\s*[,\t]\s*"?(movieId|itemId)"?\s*[,\t]\s*"?rating"?/i.test(text)) return 'ratings';
  if (head.includes(0)) {
    const hint = ['give ', { option: 'format' }, ' (idx, npy, csv, images or ratings) to force a reader'];
    throw new DataError('unrecognised binary file: not NPY, IDX, PNG or JPEG', { file: pathOrName, offset: head.indexOf(0), hint });
  }
  return 'csv';
}

/** The first (decompressed) bytes of a file. */
function peek(file: string): Uint8Array {
  const buf = new Uint8Array(4096);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw fileError(e, file);
  }
  let read: number;
  try {
    read = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, read);
  if (!isGzip(head)) return head;
  try {
    return gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, 4096);
  } catch (e) {
    throw fileError(e, file);
  }
}

/** For `x-images-idx3-ubyte(.gz)`, the sibling `x-labels-idx1-ubyte(.gz)` when it exists. */
function siblingLabels(path: string): string | undefined {
  const dir = path.slice(0, path.length - path.split(/[\\/]/).pop()!.length);
  const file = path.slice(dir.length);
  if (!file.includes('images')) return undefined;
  const candidate = dir + file.replace('images', 'labels').replace(/idx\d/, 'idx1');
  return candidate !== path && exists(candidate) ? candidate : undefined;
}

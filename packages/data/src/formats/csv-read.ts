/** Reading a CSV / TSV file (Node only): the file's text, then parseCsv. */
import type { ArrayDataset } from '../types.js';
import { parseCsv, type CsvOptions } from './csv.js';
import { readFileText } from './file-bytes.js';
import type { DecompressOptions } from './limits.js';

/** Options of readCsv and csvBatchSource: the CSV options, and the bound on a gzipped file. */
export interface CsvFileOptions extends CsvOptions, DecompressOptions {}

/**
 * Reads a CSV / TSV file (gzipped or not) into a dataset.
 *
 * @example
 * const ds = readCsv('sensors.csv', { columns: ['temperature', 'humidity'], label: 'anomaly' });
 */
export function readCsv(file: string, options: CsvFileOptions = {}): ArrayDataset {
  const delimiter = options.delimiter ?? (/\.(tsv|tab)(\.gz)?$/i.test(file) ? '\t' : undefined);
  return parseCsv(readFileText(file, options), { ...options, delimiter }, file);
}

/** Reading a CSV / TSV file (Node only): the file's text, then parseCsv. */
import type { ArrayDataset } from '../types';
import { parseCsv, type CsvOptions } from './csv';
import { readFileText } from './file-bytes';

/**
 * Reads a CSV / TSV file (gzipped or not) into a dataset.
 *
 * @example
 * const ds = readCsv('sensors.csv', { columns: ['temperature', 'humidity'], label: 'anomaly' });
 */
export function readCsv(file: string, options: CsvOptions = {}): ArrayDataset {
  const delimiter = options.delimiter ?? (/\.(tsv|tab)(\.gz)?$/i.test(file) ? '\t' : undefined);
  return parseCsv(readFileText(file), { ...options, delimiter }, file);
}

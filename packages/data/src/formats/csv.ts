/**
 * Parsing CSV / TSV / whitespace-separated numeric tables into a dataset:
 * one row per sample, selected columns as features (sampleShape [features]),
 * an optional label column kept aside, header names as `columns`.
 */
import { DataError } from '../errors';
import type { ArrayDataset } from '../types';
import { convertRecord, planCsv, sniffDelimiter, type CsvOptions } from './csv-plan';
import { CsvTokenizer } from './csv-tokenizer';
import { baseName } from './file-name';
import { rejectGzipText } from './gzip';
import { encodeLabels } from './labels';

export type { CsvOptions } from './csv-plan';

/**
 * Parses CSV text (the whole file) into a dataset.
 *
 * @example
 * const ds = parseCsv('a,b,kind\n1,2,x\n3,4,y\n', { label: 'kind' });
 * ds.sampleShape; // [2]
 * ds.labelNames; // ['x', 'y']
 */
export function parseCsv(text: string, options: CsvOptions = {}, file?: string): ArrayDataset {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  rejectGzipText(text, file);
  const comment = options.comment ?? '#';
  const delimiter = options.delimiter ?? sniffDelimiter(text, comment);
  const tokenizer = new CsvTokenizer({ delimiter, comment, file });
  const records = [...tokenizer.push(text), ...tokenizer.end()];
  if (records.length === 0) throw new DataError('empty file: expected rows of numbers', { file, line: 1 });
  const plan = planCsv(records[0], records[1], options, delimiter, file);
  const rows = plan.hasHeader ? records.slice(1) : records;
  if (rows.length === 0) throw new DataError(`the file has a header (line ${records[0].line}) but no data rows`, { file, line: records[0].line });
  const width = plan.features.length;
  const x = new Float32Array(rows.length * width);
  const mask = plan.missing === 'mask' ? new Float32Array(rows.length * width) : undefined;
  const labelCells: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const label = convertRecord(plan, rows[i], x, i * width, mask);
    if (label !== undefined) labelCells.push(label);
  }
  const ds: ArrayDataset = { name: options.name ?? (file ? baseName(file) : 'csv'), x, n: rows.length, sampleShape: [width] };
  if (plan.hasHeader) ds.columns = plan.features.map((j) => plan.names[j]);
  if (mask && mask.includes(0)) ds.mask = mask;
  if (plan.label !== undefined) {
    const column = plan.hasHeader ? plan.names[plan.label] : plan.label + 1;
    Object.assign(ds, encodeLabels(labelCells, (i) => ({ file, line: rows[i].line, column })));
  }
  return ds;
}

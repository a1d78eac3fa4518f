/**
 * Parsing CSV / TSV / whitespace-separated numeric tables into a dataset:
 * one row per sample, selected columns as features (sampleShape [features]),
 * an optional label column kept aside, header names as `columns`.
 */
import type { ArrayDataset } from '../types.js';
import { collectHead, planFromHead, sniffDelimiter, type CsvOptions } from './csv-plan.js';
import { CsvRows } from './csv-rows.js';
import { countLineEnds } from './csv-line-ends.js';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';
import { baseName } from './file-name.js';
import { rejectGzipText } from './gzip.js';
import { encodeLabels } from './labels.js';

export type { CsvOptions } from './csv-plan.js';

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
  // The first two records decide the plan; then the whole text is converted.
  const plan = planFromHead(firstRecords(text, delimiter, comment, file), options, delimiter, file);
  // one batch: a text has at most one record more than line ends
  const reader = new CsvRows(plan, countLineEnds(text) + 1, true);
  const batches = [...reader.push(text), ...reader.end()];
  // planFromHead saw a data row, so there is a batch
  if (batches.length !== 1) throw new Error(`parseCsv: expected one batch of rows, got ${batches.length}`);
  const [batch] = batches;
  const { n } = batch;
  const width = plan.features.length;
  // exact-size arrays (the batch was sized by the line count)
  const exact = (a: Float32Array) => (a.length === n * width && a.byteOffset === 0 && a.buffer.byteLength === a.byteLength ? a : a.slice(0, n * width));
  const x = exact(batch.x);
  const mask = batch.mask && exact(batch.mask);
  const ds: ArrayDataset = { name: options.name ?? (file ? baseName(file) : 'csv'), x, n, sampleShape: [width] };
  if (plan.hasHeader) ds.columns = plan.features.map((j) => plan.names[j]);
  if (mask && mask.includes(0)) ds.mask = mask;
  if (plan.label !== undefined) {
    const column = plan.hasHeader ? plan.names[plan.label] : plan.label + 1;
    const lines = batch.lines!;
    Object.assign(ds, encodeLabels(batch.labels!, (i) => ({ file, line: lines[i], column })));
  }
  return ds;
}

/** Up to the first two records of a text, tokenizing no more of it than needed. */
function firstRecords(text: string, delimiter: string, comment: string, file?: string): CsvRecord[] {
  const tokenizer = new CsvTokenizer({ delimiter, comment, file });
  const records: CsvRecord[] = [];
  if (!collectHead(tokenizer, text, records)) records.push(...tokenizer.end());
  return records.slice(0, 2);
}

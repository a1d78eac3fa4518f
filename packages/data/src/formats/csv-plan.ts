/**
 * Deciding how to read a CSV file from its first two records: the delimiter,
 * whether the first record is a header, which fields are features and which
 * one is the label; then turning each record into numbers by that plan. Both
 * the in-memory reader (readCsv) and the streaming one (csvBatchSource) use it.
 */
import { DataError, type Hint } from '../errors.js';
import { isNumberCell, looksNumeric, numberCell, readCell, showCell } from './csv-cells.js';
import type { CsvRecord, CsvTokenizer } from './csv-tokenizer.js';

/** Options of the CSV/TSV readers. */
export interface CsvOptions {
  /** Field delimiter; default: `\t` for .tsv/.tab files, else sniffed from the first line (`,` `\t` `;` or whitespace `' '`). */
  delimiter?: string;
  /** Whether the first row is a header; default: detected (a text cell above a number). */
  header?: boolean;
  /** Feature columns, by header name or 0-based index; default: every column except the label. */
  columns?: (string | number)[];
  /** A column holding a class label (name or 0-based index), kept aside as labels / labelNames. */
  label?: string | number;
  /** Lines starting with this character are skipped (default `#`; `''` for none). */
  comment?: string;
  /** Empty / NA / NaN cells: an error (default) or missing entries (x 0, mask 0). */
  missing?: 'error' | 'mask';
  /** Dataset name (default: the file name). */
  name?: string;
}

/** The decided layout of a CSV file. */
export interface CsvPlan {
  file?: string;
  delimiter: string;
  comment: string;
  hasHeader: boolean;
  /** Fields per record. */
  width: number;
  /** The line whose field count fixed `width`. */
  widthLine: number;
  /** A name per field: the header cell, or `column N`. */
  names: string[];
  /** Field indices of the features, in output order. */
  features: number[];
  /** Field index of the label column. */
  label?: number;
  missing: 'error' | 'mask';
}

/**
 * Guesses the delimiter from the first data line of a text: the most frequent of
 * tab, comma and semicolon outside quotes, else whitespace runs (`' '`) when the
 * line has inner spaces, else a comma.
 */
export function sniffDelimiter(text: string, comment = '#'): string {
  const lines = text.split(/\r\n|\n|\r/, 50);
  const line = lines.find((l) => l.trim() !== '' && !(comment && l.startsWith(comment))) ?? '';
  const counts: Record<string, number> = { '\t': 0, ',': 0, ';': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c]++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  if (best[1] > 0) return best[0];
  return /\S\s+\S/.test(line) ? ' ' : ',';
}

/** Builds the plan from the first (up to) two records. */
export function planCsv(first: CsvRecord, second: CsvRecord | undefined, options: CsvOptions, delimiter: string, file?: string): CsvPlan {
  const named = typeof options.label === 'string' || (options.columns ?? []).some((c) => typeof c === 'string');
  let hasHeader = options.header;
  if (hasHeader === undefined) {
    if (named) hasHeader = true;
    else {
      const text = first.cells.map((c, j) => (looksNumeric(c) ? -1 : j)).filter((j) => j >= 0);
      hasHeader = text.length > 0 && (second === undefined || text.some((j) => j < second.cells.length && isNumberCell(second.cells[j])));
    }
  }
  const width = first.cells.length;
  const names = first.cells.map((c, j) => (hasHeader ? c : `column ${j + 1}`));
  const resolve = (c: string | number, what: string): number => {
    if (typeof c === 'number') {
      if (!Number.isInteger(c) || c < 0 || c >= width) {
        throw new DataError(`${what} ${c} does not exist: expected a 0-based index below ${width} (the file has ${width} columns)`, { file, line: first.line });
      }
      return c;
    }
    if (!hasHeader) throw new DataError(`${what} "${c}" needs a header row, but the file has none (give 0-based column indices instead)`, { file, line: first.line });
    const j = names.indexOf(c);
    if (j < 0) throw new DataError(`${what} "${c}" not found, expected one of: ${names.map((s) => JSON.stringify(s)).join(', ')}`, { file, line: first.line });
    return j;
  };
  const label = options.label === undefined ? undefined : resolve(options.label, 'label column');
  const features = options.columns
    ? options.columns.map((c) => resolve(c, 'column'))
    : names.map((_, j) => j).filter((j) => j !== label);
  if (label !== undefined && features.includes(label)) {
    throw new DataError(`the label column ${JSON.stringify(names[label])} cannot also be a feature column: leave it out of columns`, { file, line: first.line });
  }
  if (features.length === 0) throw new DataError('no feature columns left to read (the only column is the label)', { file, line: first.line });
  return {
    file, delimiter, comment: options.comment ?? '#', hasHeader, width, widthLine: first.line, names, features, label,
    missing: options.missing ?? 'error',
  };
}

/**
 * Feeds `text` to the tokenizer in 64K pieces until `head` holds the first
 * two records, so that finding them costs little whatever the size of the
 * text; returns true once it does.
 *
 * @example
 * const head: CsvRecord[] = [];
 * if (!collectHead(tokenizer, text, head)) head.push(...tokenizer.end());
 */
export function collectHead(tokenizer: CsvTokenizer, text: string, head: CsvRecord[]): boolean {
  for (let at = 0; at < text.length && head.length < 2; at += 1 << 16) {
    for (const record of tokenizer.push(text.slice(at, at + (1 << 16)))) if (head.length < 2) head.push(record);
  }
  return head.length >= 2;
}

/**
 * The plan from the first (up to) two records of a file, refusing a file
 * with no records or with a header and no data rows.
 */
export function planFromHead(head: CsvRecord[], options: CsvOptions, delimiter: string, file?: string): CsvPlan {
  if (head.length === 0) throw new DataError('empty file: expected rows of numbers', { file, line: 1 });
  const plan = planCsv(head[0], head[1], options, delimiter, file);
  if (plan.hasHeader && head.length < 2) {
    throw new DataError(`the file has a header (line ${head[0].line}) but no data rows`, { file, line: head[0].line });
  }
  return plan;
}

/**
 * Writes the features of one record into `x` at `offset` (and `mask`, when
 * reading with missing: 'mask'); returns the label cell, if any.
 */
export function convertRecord(plan: CsvPlan, record: CsvRecord, x: Float32Array, offset: number, mask?: Float32Array): string | undefined {
  const { cells, line } = record;
  const { file } = plan;
  if (cells.length !== plan.width) {
    throw new DataError(
      `expected ${plan.width} fields (as on line ${plan.widthLine}), found ${cells.length}`,
      { file, line, column: columnOf(plan, Math.min(cells.length, plan.width)) },
    );
  }
  const { features } = plan;
  for (let k = 0; k < features.length; k++) {
    const j = features[k];
    const cell = cells[j];
    const fast = numberCell(cell);
    if (fast !== undefined && Math.abs(fast) < 3.4e38) {
      x[offset + k] = fast;
      if (mask) mask[offset + k] = 1;
      continue;
    }
    const read = readCell(cell);
    if (read.kind === 'number') {
      const v = Math.fround(read.value);
      if (!Number.isFinite(v)) {
        throw new DataError(`${showCell(cell)} does not fit in float32, expected |value| < 3.4e38`, { file, line, column: columnOf(plan, j) });
      }
      x[offset + k] = v;
      if (mask) mask[offset + k] = 1;
    } else if (read.kind === 'missing' && plan.missing === 'mask' && mask) {
      x[offset + k] = 0;
      mask[offset + k] = 0;
    } else {
      throw new DataError(describe(cell, read.kind), { file, line, column: columnOf(plan, j), hint: HINTS[read.kind] });
    }
  }
  return plan.label === undefined ? undefined : cells[plan.label];
}

function describe(cell: string, kind: string): string {
  if (kind === 'missing') return `missing value ${showCell(cell)}, expected a finite number`;
  if (kind === 'infinite') return `found ${showCell(cell)}, expected a finite number`;
  return `expected a number, found ${showCell(cell)}`;
}

/** What to do about a cell of each kind that is not a number. */
const HINTS: Record<string, Hint> = {
  missing: ['use ', { option: 'missing', value: 'mask' }, ' to keep missing cells as masked entries'],
  text: ['pick numeric columns with ', { option: 'columns' }, ', or name a class column with ', { option: 'label' }],
};

/** The column to report: its header name, or its 1-based number. */
export function columnOf(plan: CsvPlan, j: number): string | number {
  return plan.hasHeader && j < plan.names.length ? plan.names[j] : j + 1;
}

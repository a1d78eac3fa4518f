/**
 * CSV text, fed in pieces of any size, to rows of numbers by a plan: plain
 * lines by the fast scan (`csv-plain-lines.ts`), every other line through
 * the tokenizer and `convertRecord`, so the two paths meet only at line
 * boundaries. Rows are collected in batches of a fixed size, with each
 * row's label cell and line number when labels are wanted. The in-memory
 * reader (parseCsv) and the streaming one (csvBatchSource) both use it.
 *
 * Lines end at `\n`, `\r\n` or a lone `\r` (`csv-line-ends.ts`), in every
 * path. The unfinished line waiting for its end is bounded by the longest
 * line the tokenizer could accept (the plan's fields at their longest,
 * quoted; a comment goes to the tokenizer as it comes), so a file without
 * line ends cannot grow it without bound.
 */
import { DataError } from '../errors.js';
import { convertRecord, type CsvPlan } from './csv-plan.js';
import { plainLinesApply, scanPlainLines } from './csv-plain-lines.js';
import { lastLineEnd, nextLineEnd } from './csv-line-ends.js';
import { CsvTokenizer, DEFAULT_MAX_FIELD, type CsvRecord } from './csv-tokenizer.js';
import { count } from './limits.js';

/** A batch of converted rows. */
export interface CsvRowBatch {
  x: Float32Array;
  n: number;
  mask?: Float32Array;
  /** The label cell of each row (when labels are wanted and the plan has a label). */
  labels?: string[];
  /** The line each row was read from (with labels). */
  lines?: number[];
}

export class CsvRows {
  private readonly tokenizer: CsvTokenizer;
  private readonly width: number;
  private readonly fast: boolean;
  private readonly withLabels: boolean;
  private skipHeader: boolean;
  private pending = '';
  private x!: Float32Array;
  private mask?: Float32Array;
  private labels?: string[];
  private lines?: number[];
  private n = 0;
  /** Longest unfinished line kept, in characters. */
  private readonly maxLine: number;

  constructor(
    private readonly plan: CsvPlan,
    private readonly batchSize: number,
    labels = false,
    firstLine = 1,
  ) {
    this.tokenizer = new CsvTokenizer({ delimiter: plan.delimiter, comment: plan.comment, file: plan.file, firstLine });
    this.width = plan.features.length;
    this.fast = plainLinesApply(plan);
    this.withLabels = labels && plan.label !== undefined;
    this.skipHeader = plan.hasHeader;
    // each field at most DEFAULT_MAX_FIELD characters, every one a doubled quote, plus quotes and delimiter
    this.maxLine = plan.width * (2 * DEFAULT_MAX_FIELD + 3);
    this.fresh();
  }

  /** Feeds the next piece of text; returns the batches it completed. */
  push(text: string): CsvRowBatch[] {
    const out: CsvRowBatch[] = [];
    const buf = this.pending + text;
    const end = lastLineEnd(buf); // whole lines only; the rest waits
    this.pending = buf.slice(end);
    if (!this.fast) this.records(this.tokenizer.push(buf.slice(0, end)), out);
    let pos = this.fast ? 0 : end;
    while (pos < end) {
      if (!this.skipHeader && this.tokenizer.atRecordStart()) {
        const first = this.tokenizer.nextLine;
        const scan = scanPlainLines(buf, pos, end, this.plan, this.x, this.n, this.batchSize - this.n, this.mask, this.labels);
        if (this.lines) for (let k = 0; k < scan.rows; k++) this.lines.push(first + k);
        this.tokenizer.skipLines(scan.rows);
        this.n += scan.rows;
        pos = scan.pos;
        if (this.n === this.batchSize) out.push(this.take());
        if (!scan.stopped) continue;
      }
      // one line the scan cannot read (or part of a record spanning lines)
      const next = nextLineEnd(buf, pos);
      this.records(this.tokenizer.push(buf.slice(pos, next)), out);
      pos = next;
    }
    if (this.pending.length > this.maxLine) {
      const { comment } = this.plan;
      if (this.tokenizer.inComment() || (comment && this.pending.startsWith(comment) && this.tokenizer.atRecordStart())) {
        this.tokenizer.push(this.pending); // a long comment: the tokenizer skips it as it comes
        this.pending = '';
        return out;
      }
      throw new DataError(
        `no line end within ${count(this.pending.length)} characters, longer than any line of ${this.plan.width} fields can be: is this a ${this.plan.width}-column CSV file?`,
        { file: this.plan.file, line: this.tokenizer.nextLine },
      );
    }
    return out;
  }

  /** Signals the end of the text; returns the remaining rows (a last, shorter batch). */
  end(): CsvRowBatch[] {
    const out: CsvRowBatch[] = [];
    this.records(this.tokenizer.push(this.pending), out);
    this.pending = '';
    this.records(this.tokenizer.end(), out);
    if (this.n > 0) out.push(this.take());
    return out;
  }

  private records(records: CsvRecord[], out: CsvRowBatch[]): void {
    for (const record of records) {
      if (this.skipHeader) {
        this.skipHeader = false;
        continue;
      }
      const label = convertRecord(this.plan, record, this.x, this.n * this.width, this.mask);
      if (this.labels) {
        this.labels.push(label!);
        this.lines!.push(record.line);
      }
      if (++this.n === this.batchSize) out.push(this.take());
    }
  }

  private take(): CsvRowBatch {
    const { n, width } = this;
    const batch: CsvRowBatch = { x: n === this.batchSize ? this.x : this.x.subarray(0, n * width), n };
    if (this.mask) batch.mask = n === this.batchSize ? this.mask : this.mask.subarray(0, n * width);
    if (this.labels) Object.assign(batch, { labels: this.labels, lines: this.lines });
    this.fresh();
    return batch;
  }

  private fresh(): void {
    this.x = new Float32Array(this.batchSize * this.width);
    this.mask = this.plan.missing === 'mask' ? new Float32Array(this.batchSize * this.width) : undefined;
    this.labels = this.withLabels ? [] : undefined;
    this.lines = this.withLabels ? [] : undefined;
    this.n = 0;
  }
}

/**
 * An incremental CSV/TSV tokenizer: text goes in by chunks of any size
 * (the whole file, or 1 MB pieces of a stream) and complete records come out,
 * each with the line it started on. The same records come out however the text
 * is cut, so the in-memory reader and the streaming reader share it.
 *
 * Rules: records end at `\n`, `\r\n` or `\r`; a field may be double-quoted
 * (`""` is a literal quote, quoted fields may hold delimiters and newlines);
 * unquoted fields are trimmed; lines that start with the comment character and
 * blank lines are skipped. The delimiter `' '` means "runs of spaces or tabs"
 * (the layout of `np.savetxt` and many numeric text files).
 */
import { DataError } from '../errors.js';

/** One record: its cells and the 1-based line it starts on. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** Options of the tokenizer. */
export interface CsvTokenizerOptions {
  /** One character, or `' '` for runs of whitespace. */
  delimiter: string;
  /** Lines starting with this are skipped ('' for none). */
  comment: string;
  /** For error messages. */
  file?: string;
  /** Longest field accepted, in characters (default 1,000,000). */
  maxField?: number;
  /** Number of the first line fed (default 1): a piece from the middle of a file reports its own lines. */
  firstLine?: number;
}

/** The longest field the tokenizer accepts unless told otherwise, in characters. */
export const DEFAULT_MAX_FIELD = 1_000_000;

const enum State { RecordStart, Field, Quoted, QuoteInQuoted, AfterQuoted, Comment }

/**
 * Splits CSV text into records, chunk by chunk.
 *
 * @example
 * const t = new CsvTokenizer({ delimiter: ',', comment: '#' });
 * const records = [...t.push('a,b\n1,'), ...t.push('2\n'), ...t.end()]; // [{cells:['a','b'],line:1}, {cells:['1','2'],line:2}]
 */
export class CsvTokenizer {
  private state = State.RecordStart;
  private cells: string[] = [];
  private field = '';
  private fieldQuoted = false;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private lastWasCR = false;
  private readonly ws: boolean;
  private readonly maxField: number;

  constructor(private readonly options: CsvTokenizerOptions) {
    this.ws = options.delimiter === ' ';
    this.maxField = options.maxField ?? DEFAULT_MAX_FIELD;
    this.line = this.recordLine = this.quoteLine = options.firstLine ?? 1;
    if (options.delimiter.length !== 1 || options.delimiter === '"' || options.delimiter === '\n' || options.delimiter === '\r') {
      throw new DataError(`the delimiter must be one character other than a quote or newline, got ${JSON.stringify(options.delimiter)}`, { file: options.file });
    }
  }

  /** Feeds the next piece of text; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const { delimiter, comment } = this.options;
    const ws = this.ws;
    let start = 0; // start of the pending unquoted/quoted run within this chunk
    const len = chunk.length;
    const delimCode = delimiter.charCodeAt(0);
    for (let i = 0; i < len; i++) {
      if (this.state === State.Field && !this.lastWasCR) {
        // Fast path: skip the ordinary characters of an unquoted field (by
        // char code), stopping where the rules below have something to do.
        let j = i;
        while (j < len) {
          const code = chunk.charCodeAt(j);
          if (code === delimCode || code === 10 || code === 13 || code === 34 || (ws && code === 9)) break;
          j++;
        }
        if (j - start + this.field.length > this.maxField) this.tooLong();
        if (j === len) break;
        i = j;
      }
      const c = chunk[i];
      if (this.lastWasCR) {
        this.lastWasCR = false;
        if (c === '\n') {
          if (this.state !== State.Quoted) start = i + 1; // a quoted field keeps its \r\n
          continue;
        }
      }
      const newline = c === '\n' || c === '\r';
      if (this.state === State.RecordStart) {
        this.recordLine = this.line;
        if (comment && c === comment) {
          this.state = State.Comment;
          start = i + 1;
          continue;
        }
        this.state = State.Field;
        this.field = '';
        this.fieldQuoted = false;
        start = i;
      } else if (this.state === State.QuoteInQuoted) {
        if (c === '"') {
          this.field += '"'; // an escaped quote
          this.state = State.Quoted;
          start = i + 1;
          continue;
        }
        this.state = State.AfterQuoted;
      }
      switch (this.state) {
        case State.Comment:
          if (newline) {
            this.newline(c);
            this.state = State.RecordStart;
          }
          start = i + 1;
          break;
        case State.Field:
          if (c === '"' && isBlank(this.field + chunk.slice(start, i))) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.field = '';
            this.fieldQuoted = true;
            start = i + 1;
          } else if (newline || c === delimiter || (ws && c === '\t')) {
            this.field += chunk.slice(start, i);
            if (ws && isBlank(this.field)) this.field = ''; // a run of whitespace is one separator
            else this.endField();
            if (newline) {
              this.endRecord(out);
              this.newline(c);
              this.state = State.RecordStart;
            }
            start = i + 1;
          } else if (i - start + this.field.length > this.maxField) {
            this.tooLong();
          }
          break;
        case State.Quoted:
          if (c === '"') {
            this.field += chunk.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else {
            if (newline) this.newline(c);
            if (i - start + this.field.length > this.maxField) this.tooLong();
          }
          break;
        case State.AfterQuoted:
          if (newline || c === delimiter || (ws && c === '\t')) {
            this.endField();
            if (newline) {
              this.endRecord(out);
              this.newline(c);
              this.state = State.RecordStart;
            } else {
              this.state = State.Field;
              this.field = '';
              this.fieldQuoted = false;
            }
            start = i + 1;
          } else if (c !== ' ' && c !== '\t') {
            throw new DataError(`expected a delimiter or the end of the line after a closing quote, found ${JSON.stringify(c)}`, {
              file: this.options.file, line: this.line, column: this.cells.length + 1,
            });
          }
          break;
      }
    }
    // keep the unfinished part of the current field
    if (this.state === State.Field || this.state === State.Quoted) this.field += chunk.slice(start);
    return out;
  }

  /** True between records (at the start of a line that begins a new record). */
  atRecordStart(): boolean {
    return this.state === State.RecordStart && !this.lastWasCR;
  }

  /** True inside a comment line (its end not seen yet). */
  inComment(): boolean {
    return this.state === State.Comment;
  }

  /** The 1-based number of the line the tokenizer reads next. */
  get nextLine(): number {
    return this.line;
  }

  /** Counts `lines` whole lines read elsewhere (between records), for the line numbers of later records. */
  skipLines(lines: number): void {
    if (!this.atRecordStart()) throw new Error('CsvTokenizer.skipLines: only between records');
    this.line += lines;
  }

  /** Signals the end of the text; returns the last record if the text did not end with a newline. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === State.Quoted) {
      throw new DataError(`unterminated quoted field: the quote opened on line ${this.quoteLine} is never closed`, {
        file: this.options.file, line: this.quoteLine, column: this.cells.length + 1,
      });
    }
    if (this.state === State.Field || this.state === State.QuoteInQuoted || this.state === State.AfterQuoted) {
      if (!(this.ws && isBlank(this.field) && !this.fieldQuoted)) this.endField();
      this.endRecord(out);
    }
    this.state = State.RecordStart;
    return out;
  }

  private endField(): void {
    this.cells.push(this.fieldQuoted ? this.field : this.field.trim());
    this.field = '';
    this.fieldQuoted = false;
  }

  private endRecord(out: CsvRecord[]): void {
    const cells = this.cells;
    this.cells = [];
    const blank = cells.length === 0 || (cells.length === 1 && cells[0] === '');
    if (!blank) out.push({ cells, line: this.recordLine });
  }

  private newline(c: string): void {
    this.line++;
    if (c === '\r') this.lastWasCR = true;
  }

  private tooLong(): never {
    throw new DataError(`a field is longer than ${this.maxField} characters; is a quote missing its closing quote?`, {
      file: this.options.file, line: this.recordLine, column: this.cells.length + 1,
    });
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s[i] !== ' ' && s[i] !== '\t') return false;
  return true;
}

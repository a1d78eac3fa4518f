/**
 * Ratings text, line by line, in pieces of any size (the whole text, or the
 * 1 MB chunks of a streamed file): `push` text, then `end`. Lines may end in
 * \n, \r\n or \r, even when a piece ends between \r and \n.
 *
 * Layouts (detected from the first non-empty line, or forced with `format`):
 * MovieLens 100K `u.data` (`user<TAB>item<TAB>rating<TAB>timestamp`),
 * MovieLens 1M/10M `ratings.dat` (`user::item::rating::timestamp`), and CSV
 * (`user,item,rating[,timestamp]`, e.g. MovieLens 20M `ratings.csv` with
 * its header `userId,movieId,rating,timestamp`). A first line whose user and
 * rating fields are words is a header. The timestamp is optional; lines
 * starting with # are comments.
 */
import { DataError } from '../errors.js';
import { baseName } from '../formats/file-name.js';
import { limitOption } from '../formats/limits.js';
import { DEFAULT_MAX_INTERACTIONS, InteractionsBuilder } from './builder.js';
import type { Interactions } from './interactions.js';

/** The layouts of a ratings file: tab-separated `u.data`, `::`-separated `ratings.dat`, comma-separated CSV. */
export type InteractionsFormat = 'udata' | 'dat' | 'csv';

/** Options of parseInteractions and readInteractions. */
export interface InteractionsOptions {
  /** The layout, when not detected from the first line. */
  format?: InteractionsFormat;
  /** Store 1 for every interaction instead of its rating (implicit feedback). */
  implicit?: boolean;
  /**
   * Keep only ratings >= minRating, dropping the others before ids are
   * assigned (a user or item left with none is not a row or column), e.g.
   * `{ implicit: true, minRating: 4 }` as Liang et al. (2018) binarise MovieLens-20M.
   */
  minRating?: number;
  /** Most interactions read (lines kept, before duplicates are merged; default 67,108,864 = 2^26), checked before the arrays grow. */
  maxInteractions?: number;
  /** Name for messages and models (default: the file name). */
  name?: string;
}

const SEPARATORS: Record<InteractionsFormat, string> = { udata: '\t', dat: '::', csv: ',' };
const SEPARATOR_NAMES: Record<string, string> = { '\t': 'tabs', ',': 'commas', '::': '"::"' };
const FIELDS = ['user', 'item', 'rating', 'timestamp'];
const RATING = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TIMESTAMP = /^[+-]?\d+(\.\d*)?$/;
// a header names its fields: the user and rating fields are words (`userId`, `rating`), not data
const WORD = /^"?[A-Za-z_][\w ]*"?$/;

/** Parses ratings lines into an InteractionsBuilder. */
export class RatingLines {
  private sep?: string;
  private carry = '';
  private lineNo = 0;
  private firstLine = 0;
  private readonly builder: InteractionsBuilder;
  private readonly minRating: number;

  constructor(
    private readonly options: InteractionsOptions,
    private readonly file?: string,
  ) {
    if (options.format !== undefined && !(options.format in SEPARATORS)) {
      throw new DataError(`format must be 'udata', 'dat' or 'csv', got ${JSON.stringify(options.format)}`, { file });
    }
    if (options.minRating !== undefined && !Number.isFinite(options.minRating)) throw new DataError(`minRating must be a number, got ${String(options.minRating)}`, { file });
    this.minRating = options.minRating ?? -Infinity;
    this.builder = new InteractionsBuilder(limitOption(options.maxInteractions, 'maxInteractions', DEFAULT_MAX_INTERACTIONS), file);
  }

  /** Parses the complete lines of `text` (with what was left of the previous piece). */
  push(text: string): void {
    const s = this.carry + text;
    let start = 0;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && k + 1 === s.length) break; // \r at the end of a piece: wait for a possible \n
      this.line(s.slice(start, k));
      if (c === 13 && s.charCodeAt(k + 1) === 10) k++;
      start = k + 1;
    }
    this.carry = s.slice(start);
  }

  /** Parses the last line and returns the interactions. */
  end(): Interactions {
    const rest = this.carry.replace(/\r$/, '');
    this.carry = '';
    if (rest !== '') this.line(rest);
    if (this.sep === undefined) throw new DataError('empty file: expected lines of user, item, rating[, timestamp]', { file: this.file, line: 1 });
    if (this.builder.length === 0 && this.options.minRating === undefined) {
      throw new DataError('no ratings found after the header', { file: this.file, line: this.firstLine });
    }
    return this.builder.finish(this.options.name ?? (this.file ? baseName(this.file) : 'ratings'));
  }

  private line(line: string): void {
    const at = ++this.lineNo;
    if (line.trim() === '' || line.startsWith('#')) return;
    const file = this.file;
    if (this.sep === undefined) {
      this.firstLine = at;
      this.sep = this.options.format ? SEPARATORS[this.options.format] : line.includes('::') ? '::' : line.includes('\t') ? '\t' : line.includes(',') ? ',' : undefined;
      if (this.sep === undefined) throw new DataError('expected user, item, rating[, timestamp] separated by tabs, commas or "::"', { file, line: at });
      const head = line.split(this.sep).map((c) => c.trim());
      if (WORD.test(head[0]) && WORD.test(head[2] ?? '')) return;
    }
    const cells = line.split(this.sep).map((c) => c.trim());
    if (cells.length < 3 || cells.length > 4) {
      const other = Object.keys(SEPARATOR_NAMES).find((s) => s !== this.sep && line.includes(s));
      const guess = cells.length < 3 && other ? ` (the line has ${SEPARATOR_NAMES[other]}: wrong separator?)` : '';
      throw new DataError(
        `expected user, item, rating[, timestamp] separated by ${SEPARATOR_NAMES[this.sep]}, found ${cells.length} field${cells.length === 1 ? '' : 's'}${guess}`,
        { file, line: at, column: FIELDS[Math.min(cells.length, 3)] },
      );
    }
    for (let j = 0; j < 2; j++) {
      if (cells[j] === '') throw new DataError(`empty ${FIELDS[j]} id, expected an id`, { file, line: at, column: FIELDS[j] });
    }
    const rating = RATING.test(cells[2]) ? parseFloat(cells[2]) : NaN;
    if (!Number.isFinite(rating) || !Number.isFinite(Math.fround(rating))) {
      throw new DataError(`expected a numeric rating, found ${JSON.stringify(cells[2])}`, { file, line: at, column: 'rating' });
    }
    if (cells.length === 4 && !TIMESTAMP.test(cells[3])) {
      throw new DataError(`expected a numeric timestamp, found ${JSON.stringify(cells[3])}`, { file, line: at, column: 'timestamp' });
    }
    if (rating < this.minRating) return;
    this.builder.add(cells[0], cells[1], this.options.implicit ? 1 : rating, { line: at });
  }
}

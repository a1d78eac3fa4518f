/**
 * Ratings files as a user-by-item matrix: one row per user, one column per
 * item, a rating where the user rated the item and a mask of observed entries
 * (the input of AutoRec / Mult-VAE style recommenders).
 *
 * Accepted layouts (detected from the first line): MovieLens 100K `u.data`
 * (`user<TAB>item<TAB>rating<TAB>timestamp`, no header), `ratings.csv`
 * (header `userId,movieId,rating,timestamp`), and MovieLens 1M `ratings.dat`
 * (`user::item::rating::timestamp`). The timestamp is optional.
 *
 * Users and items are sorted by id (numerically when every id is a number),
 * so row i is `userIds[i]` and column j is `itemIds[j]`. When a user rated the
 * same item twice, the later line wins. The matrix is dense: users x items
 * floats twice (x and mask), fine for MovieLens 100K / 1M, too big for 20M.
 * A small file can name many users and items, so the matrix size is checked
 * against `maxEntries` before it is allocated.
 */
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';
import { baseName } from './file-name.js';
import { rejectGzipText } from './gzip.js';
import { checkLimit, count, limitOption } from './limits.js';

/** Default `maxEntries`: 2^26 users x items (x and mask take 512 MB). */
const DEFAULT_MAX_ENTRIES = 2 ** 26;

/** Options of parseRatings and readRatings. */
export interface RatingsOptions {
  /** Store 1 for every observed rating instead of its value (implicit feedback). */
  implicit?: boolean;
  /** Dataset name (default: the file name). */
  name?: string;
  /** Largest dense matrix accepted, users x items (default 67,108,864 = 2^26, enough for MovieLens 1M's 6,040 x 3,706). */
  maxEntries?: number;
}

/** A user-by-item ratings matrix with its id mappings. */
export interface RatingsDataset extends ArrayDataset {
  /** 1 where the user rated the item. */
  mask: Float32Array;
  /** The user id of each row. */
  userIds: string[];
  /** The item id of each column (also in `columns`). */
  itemIds: string[];
  columns: string[];
  /** Number of ratings read. */
  ratings: number;
}

/**
 * Parses the text of a ratings file.
 *
 * @example
 * const ds = parseRatings('1\t10\t5\t0\n2\t10\t3\t0\n1\t20\t4\t0\n');
 * ds.sampleShape; // [2] (items 10 and 20)
 * ds.userIds; // ['1', '2']
 */
export function parseRatings(text: string, options: RatingsOptions = {}, file?: string): RatingsDataset {
  rejectGzipText(text, file);
  const lines = text.split(/\r\n|\n|\r/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex < 0) throw new DataError('empty file: expected lines of user, item, rating[, timestamp]', { file, line: 1 });
  const first = lines[firstIndex];
  const sep = first.includes('::') ? '::' : first.includes('\t') ? '\t' : first.includes(',') ? ',' : undefined;
  if (!sep) {
    throw new DataError('expected user, item, rating[, timestamp] separated by tabs, commas or "::"', { file, line: firstIndex + 1 });
  }
  const sepName = sep === '\t' ? 'tabs' : sep === ',' ? 'commas' : '"::"';
  const fields = ['user', 'item', 'rating', 'timestamp'];
  // a header names its fields: the user and rating fields are words (`userId`, `rating`), not data
  const word = /^"?[A-Za-z_][\w ]*"?$/;
  const headerCells = first.split(sep).map((c) => c.trim());
  const hasHeader = word.test(headerCells[0]) && word.test(headerCells[2] ?? '');
  const users: string[] = [];
  const items: string[] = [];
  const values: number[] = [];
  for (let k = hasHeader ? firstIndex + 1 : firstIndex; k < lines.length; k++) {
    const line = lines[k];
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = line.split(sep).map((c) => c.trim());
    if (cells.length < 3 || cells.length > 4) {
      throw new DataError(`expected user, item, rating[, timestamp] separated by ${sepName}, found ${cells.length} field${cells.length === 1 ? '' : 's'}`, {
        file, line: k + 1, column: fields[Math.min(cells.length, 3)],
      });
    }
    for (let j = 0; j < 2; j++) {
      if (cells[j] === '') throw new DataError(`empty ${fields[j]} id, expected an id`, { file, line: k + 1, column: fields[j] });
    }
    const rating = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cells[2]) ? parseFloat(cells[2]) : NaN;
    if (!Number.isFinite(rating) || !Number.isFinite(Math.fround(rating))) {
      throw new DataError(`expected a numeric rating, found ${JSON.stringify(cells[2])}`, { file, line: k + 1, column: 'rating' });
    }
    if (cells.length === 4 && !/^[+-]?\d+(\.\d*)?$/.test(cells[3])) {
      throw new DataError(`expected a numeric timestamp, found ${JSON.stringify(cells[3])}`, { file, line: k + 1, column: 'timestamp' });
    }
    users.push(cells[0]);
    items.push(cells[1]);
    values.push(rating);
  }
  if (values.length === 0) throw new DataError('no ratings found after the header', { file, line: firstIndex + 1 });
  const userIds = sortedIds(users);
  const itemIds = sortedIds(items);
  const userIndex = new Map(userIds.map((id, i) => [id, i]));
  const itemIndex = new Map(itemIds.map((id, j) => [id, j]));
  const m = itemIds.length;
  const size = userIds.length * m;
  const maxEntries = limitOption(options.maxEntries, 'maxEntries', DEFAULT_MAX_ENTRIES);
  checkLimit(size, maxEntries, `the dense matrix of ${count(userIds.length)} users x ${count(m)} items has`, 'entries', 'maxEntries', { file });
  const x = new Float32Array(size);
  const mask = new Float32Array(size);
  for (let r = 0; r < values.length; r++) {
    const at = userIndex.get(users[r])! * m + itemIndex.get(items[r])!;
    x[at] = options.implicit ? 1 : values[r];
    mask[at] = 1;
  }
  return {
    name: options.name ?? (file ? baseName(file) : 'ratings'),
    x, n: userIds.length, sampleShape: [m], mask, userIds, itemIds, columns: itemIds, ratings: values.length,
  };
}

function sortedIds(ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.every((id) => /^[+-]?\d+(\.\d+)?$/.test(id))) return unique.sort((a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : 1));
  return unique.sort();
}

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
 * The lines are read as sparse Interactions (interactions/, which also
 * reads larger files), then spread out: users are sorted by id
 * (numerically when every id is a number), so row i is `userIds[i]` and
 * column j is `itemIds[j]`. When a user rated the same item twice, the later
 * line wins. The matrix is dense: users x items floats twice (x and mask),
 * fine for MovieLens 100K / 1M, too big for 20M (use parseInteractions /
 * readInteractions and `denseRows` there).
 * A small file can name many users and items, so the matrix size is checked
 * against `maxEntries` before it is allocated.
 */
import type { Interactions } from '../interactions/interactions.js';
import { parseInteractions } from '../interactions/parse-interactions.js';
import type { ArrayDataset } from '../types.js';
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
  /** Number of ratings: distinct (user, item) pairs rated. */
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
  return denseRatings(parseInteractions(text, { implicit: options.implicit, name: options.name }, file), options, file);
}

/** The dense matrix of sparse interactions, refused above `maxEntries`. */
export function denseRatings(inter: Interactions, options: RatingsOptions = {}, file?: string): RatingsDataset {
  const { users, items } = inter;
  const maxEntries = limitOption(options.maxEntries, 'maxEntries', DEFAULT_MAX_ENTRIES);
  checkLimit(users * items, maxEntries, `the dense matrix of ${count(users)} users x ${count(items)} items has`, 'entries', 'maxEntries', { file });
  const all = new Int32Array(users);
  for (let u = 0; u < users; u++) all[u] = u;
  const { x, mask } = inter.denseRows(all);
  return {
    name: inter.name, x, n: users, sampleShape: [items], mask,
    userIds: inter.userIds, itemIds: inter.itemIds, columns: inter.itemIds, ratings: inter.count,
  };
}

/** Parsing ratings text into sparse Interactions (works anywhere: no file system). */
import { rejectGzipText } from '../formats/gzip.js';
import type { Interactions } from './interactions.js';
import { RatingLines, type InteractionsOptions } from './rating-lines.js';

/**
 * Parses the text of a ratings file (`u.data`, `ratings.dat`, `ratings.csv`
 * or plain `user,item,rating` CSV) into sparse interactions. `file` only
 * names the text in errors.
 *
 * @example
 * const inter = parseInteractions('userId,movieId,rating\n1,31,2.5\n2,31,4.5\n', { implicit: true, minRating: 4 });
 * inter.userIds; // ['2']
 */
export function parseInteractions(text: string, options: InteractionsOptions = {}, file?: string): Interactions {
  rejectGzipText(text, file);
  const lines = new RatingLines(options, file);
  lines.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return lines.end();
}

/** Reading a ratings file (Node only): the file's text, then parseRatings. */
import { readFileText } from './file-bytes.js';
import type { DecompressOptions } from './limits.js';
import { parseRatings, type RatingsDataset, type RatingsOptions } from './ratings.js';

/**
 * Reads a ratings file (`u.data`, `ratings.csv`, `ratings.dat`, gzipped or not).
 *
 * @example
 * const ml = readRatings('ml-100k/u.data'); // 943 users x 1682 items, mask of 100,000 ratings
 */
export function readRatings(file: string, options: RatingsOptions & DecompressOptions = {}): RatingsDataset {
  return parseRatings(readFileText(file, options), options, file);
}

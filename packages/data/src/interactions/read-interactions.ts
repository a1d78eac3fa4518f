/**
 * Reading a ratings file into sparse Interactions (Node only). The file is
 * streamed in 1 MB pieces (un-gzipped on the fly), so memory holds the
 * interactions, never the file's text: MovieLens-20M's 533 MB ratings.csv
 * is read without a 533 MB string.
 */
import { textChunks } from '../stream/file-chunks.js';
import type { DecompressOptions } from '../formats/limits.js';
import type { Interactions } from './interactions.js';
import { RatingLines, type InteractionsOptions } from './rating-lines.js';

/**
 * Reads a ratings file (`u.data`, `ratings.dat`, `ratings.csv`, plain CSV; gzipped or not).
 *
 * @example
 * const ml = await readInteractions('ml-20m/ratings.csv', { implicit: true, minRating: 4 });
 * ml.count; // the ratings of 4 or more, each stored as 1
 */
export async function readInteractions(file: string, options: InteractionsOptions & DecompressOptions = {}): Promise<Interactions> {
  const lines = new RatingLines(options, file);
  for await (const text of textChunks(file, options)) lines.push(text);
  return lines.end();
}

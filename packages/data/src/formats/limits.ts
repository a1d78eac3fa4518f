/**
 * Limits on what a reader allocates from sizes that a file declares or that
 * decompression produces: decoded image pixels (`maxPixels`), gzip output
 * (`maxDecompressedBytes`) and the dense ratings matrix (`maxEntries`, in
 * ratings.ts). A small file can claim a huge size (a 31 KB PNG
 * of 16000 x 16000 pixels, a 1.5 MB gzip of 1.5 GiB), so each size is checked
 * against its limit before anything of that size is allocated. Each limit is
 * an option with a safe default; the error names the file, the size found,
 * the limit and the option that raises it.
 */
import { DataError, type DataErrorLocation } from '../errors.js';

/** Default `maxPixels`: 50 megapixels (an RGBA decode of 200 MB, 600 MB as float RGB). */
export const DEFAULT_MAX_PIXELS = 50_000_000;

/** Default `maxDecompressedBytes` of the readers that hold a whole file in memory: 1 GiB. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 ** 30;

/**
 * Default `maxDecompressedBytes` of the streaming readers: 64 GiB. Their memory
 * stays bounded whatever the size; the limit stops a gzip bomb from being
 * read for hours.
 */
export const DEFAULT_MAX_STREAMED_BYTES = 2 ** 36;

/** Options that bound decompressed gzip data. */
export interface DecompressOptions {
  /**
   * Largest decompressed size of a gzipped file, in bytes (default 1 GiB for
   * the readers that hold the file in memory, 64 GiB for the streaming
   * readers). A larger file is refused as soon as decompression passes the
   * limit, before it is held in memory.
   */
  maxDecompressedBytes?: number;
}

/** Options that bound decoded images. */
export interface PixelOptions {
  /** Largest image accepted, in pixels (width x height; default 50,000,000), checked on the header before decoding. */
  maxPixels?: number;
}

/**
 * The value of a limit option: the default when undefined, else a positive
 * number (Infinity allowed), or a DataError naming the option.
 *
 * @example
 * limitOption(undefined, 'maxPixels', DEFAULT_MAX_PIXELS); // 50000000
 */
export function limitOption(value: number | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && value > 0)) throw new DataError(`${option} must be a positive number, got ${String(value)}`);
  return value;
}

/**
 * Throws a DataError when `found` exceeds `limit`: `what` describes the size
 * found (e.g. "the PNG image is 16000 x 16000 ="), `option` is the name of
 * the option that raises the limit.
 *
 * @example
 * checkLimit(16000 * 16000, 50e6, 'the PNG image is 16000 x 16000 =', 'pixels', 'maxPixels', { file: 'big.png' });
 * // big.png: the PNG image is 16000 x 16000 = 256,000,000 pixels, more than the limit of 50,000,000 pixels: ...
 */
export function checkLimit(found: number, limit: number, what: string, unit: string, option: string, where: DataErrorLocation): void {
  if (found > limit) throw limitError(`${what} ${count(found)} ${unit}, more than`, limit, unit, option, where);
}

/**
 * The error for a size over its limit; `lead` says what was found and ends
 * where "the limit of N unit" follows.
 *
 * @example
 * throw limitError('the gzip data decompresses to more than', 2 ** 30, 'bytes', 'maxDecompressedBytes', { file });
 */
export function limitError(lead: string, limit: number, unit: string, option: string, where: DataErrorLocation): DataError {
  return new DataError(`${lead} the limit of ${count(limit)} ${unit}`, { ...where, hint: ['if the file is genuine, raise the limit with ', { option }] });
}

/**
 * A count with thousands separators, as the limit errors print them.
 *
 * @example
 * count(1073741824); // '1,073,741,824'
 */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

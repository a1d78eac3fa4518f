/**
 * Reading a whole file as bytes, transparently un-gzipping it (by its magic
 * bytes, not its name), with system errors turned into DataErrors. Node only.
 * Decompression stops at `maxDecompressedBytes` (zlib's maxOutputLength),
 * so a gzip bomb is refused before more than that is held in memory. (The
 * size in the gzip trailer is not trusted: a truncated or hostile file can
 * say anything there.)
 */
import { readFileSync, statSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { asDataError, DataError } from '../errors.js';
import { isGzip } from './gzip.js';
import { count, DEFAULT_MAX_DECOMPRESSED_BYTES, limitError, limitOption, type DecompressOptions } from './limits.js';

/**
 * Un-gzips when the bytes are gzip, else returns them unchanged.
 *
 * @example
 * maybeGunzip(readFileSync('x.npy.gz'), 'x.npy.gz', { maxDecompressedBytes: 2 ** 28 });
 */
export function maybeGunzip(bytes: Uint8Array, file?: string, options: DecompressOptions = {}): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  // no Buffer holds more than MAX_LENGTH bytes, whatever the option says
  const limit = Math.min(Math.floor(limitOption(options.maxDecompressedBytes, 'maxDecompressedBytes', DEFAULT_MAX_DECOMPRESSED_BYTES)), bufferConstants.MAX_LENGTH);
  try {
    // zlib accepts up to maxOutputLength bytes and stops at the first chunk past it
    return gunzipSync(bytes, { maxOutputLength: Math.max(limit, 1) });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw limitError(`the gzip data (${count(bytes.length)} bytes) decompresses to more than`, limit, 'bytes', 'maxDecompressedBytes', { file });
    }
    throw asDataError(e, 'not a valid gzip file', { file });
  }
}

/** The bytes of a file (decompressed if gzipped), as a plain Uint8Array view. */
export function readFileBytes(file: string, options: DecompressOptions = {}): Uint8Array {
  const bytes = maybeGunzip(readRaw(file), file, options);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The text of a file (decompressed if gzipped), UTF-8, without a byte-order mark. */
export function readFileText(file: string, options: DecompressOptions = {}): string {
  const bytes = readFileBytes(file, options);
  let text: string;
  try {
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_STRING_TOO_LONG') throw e;
    throw new DataError(
      `the text (${count(bytes.length)} bytes) is longer than the longest string JavaScript holds (${count(bufferConstants.MAX_STRING_LENGTH)} characters): read it in pieces with csvBatchSource`,
      { file, cause: e },
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readRaw(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw fileError(e, file);
  }
}

/** A DataError for a failed file-system call (missing file, a folder, no permission). */
export function fileError(e: unknown, file: string): DataError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new DataError('no such file or folder', { file, cause: e });
  if (code === 'EISDIR') return new DataError('is a folder, expected a file', { file, cause: e });
  if (code === 'EACCES' || code === 'EPERM') return new DataError('permission denied', { file, cause: e });
  return asDataError(e, 'cannot read', { file });
}

/** Whether a path is a folder (false when it does not exist). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a path exists. */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

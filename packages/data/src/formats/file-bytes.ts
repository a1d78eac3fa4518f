/**
 * Reading a whole file as bytes, transparently un-gzipping it (by its magic
 * bytes, not its name), with system errors turned into DataErrors. Node only.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { asDataError, DataError } from '../errors';
import { isGzip } from './gzip';

/** Un-gzips when the bytes are gzip, else returns them unchanged. */
export function maybeGunzip(bytes: Uint8Array, file?: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw asDataError(e, 'not a valid gzip file', { file });
  }
}

/** The bytes of a file (decompressed if gzipped), as a plain Uint8Array view. */
export function readFileBytes(file: string): Uint8Array {
  const bytes = maybeGunzip(readRaw(file), file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The text of a file (decompressed if gzipped), UTF-8, without a byte-order mark. */
export function readFileText(file: string): string {
  const bytes = readFileBytes(file);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
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

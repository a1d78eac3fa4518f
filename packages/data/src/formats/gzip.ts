/**
 * Recognising gzip data. The parse functions take decompressed input and need
 * no zlib: given gzip bytes (or gzip bytes decoded as text) they throw a
 * DataError that says how to decompress first. The Node file readers un-gzip
 * files themselves (file-bytes.ts, with node:zlib).
 */
import { DataError } from '../errors.js';

const HOW =
  "decompress it first, e.g. in a browser `new Uint8Array(await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())`, " +
  'in Node `zlib.gunzipSync(bytes)` (or use the read* functions, which un-gzip files)';

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Throws a DataError when the bytes are gzip-compressed. */
export function rejectGzip(bytes: Uint8Array, file?: string): void {
  if (isGzip(bytes)) throw new DataError(`the data is gzip-compressed (it starts with bytes 1f 8b): ${HOW}`, { file, offset: 0 });
}

/** Throws a DataError when the text is gzip bytes decoded as text (1f, then 8b or the replacement character). */
export function rejectGzipText(text: string, file?: string): void {
  if (text.charCodeAt(0) === 0x1f && (text.charCodeAt(1) === 0x8b || text.charCodeAt(1) === 0xfffd)) {
    throw new DataError(`the text is gzip-compressed data (it starts with bytes 1f 8b): ${HOW}`, { file, line: 1 });
  }
}

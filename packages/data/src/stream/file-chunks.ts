/**
 * Bounded-memory reading of a file from the start, un-gzipping on the fly
 * when the file starts with the gzip magic bytes. Only the pieces asked for
 * (plus one read-ahead chunk) are held in memory. Decompressed bytes are
 * counted, and reading stops with a DataError past `maxDecompressedBytes`
 * (default 64 GiB), so a gzip bomb is not read for hours.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { asDataError } from '../errors.js';
import { fileError } from '../formats/file-bytes.js';
import { DEFAULT_MAX_STREAMED_BYTES, limitError, limitOption, type DecompressOptions } from '../formats/limits.js';

const CHUNK = 1 << 20;

/** Opens a file as a stream of (decompressed) bytes; `gzip` says whether it is decompressed. */
async function openStream(file: string): Promise<{ stream: Readable; gzip: boolean }> {
  const head = new Uint8Array(2);
  try {
    const handle = await open(file, 'r');
    try {
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw fileError(e, file);
  }
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  if (head[0] !== 0x1f || head[1] !== 0x8b) return { stream: raw, gzip: false };
  return { stream: pipeline(raw, createGunzip({ chunkSize: 1 << 16 }), () => {}), gzip: true };
}

/** Reads exact byte counts from the start of a file, in order. */
export class ByteReader {
  /** Bytes handed out so far: the offset of the next read. */
  offset = 0;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private done = false;

  private constructor(
    private readonly file: string,
    private readonly stream: Readable,
    private readonly iterator: AsyncIterator<Uint8Array>,
    /** The most decompressed bytes accepted (Infinity for a file that is not gzipped). */
    private readonly limit: number,
  ) {}

  /** Opens a file (gzipped or not). */
  static async open(file: string, options: DecompressOptions = {}): Promise<ByteReader> {
    const limit = limitOption(options.maxDecompressedBytes, 'maxDecompressedBytes', DEFAULT_MAX_STREAMED_BYTES);
    const { stream, gzip } = await openStream(file);
    return new ByteReader(file, stream, stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>, gzip ? limit : Infinity);
  }

  /** The next `k` bytes, or fewer at the end of the file. */
  async read(k: number): Promise<Uint8Array> {
    while (this.buffered < k && !this.done) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await this.iterator.next();
      } catch (e) {
        throw asDataError(e, 'cannot read (a damaged gzip stream or an I/O error)', { file: this.file, offset: this.offset + this.buffered });
      }
      if (next.done) this.done = true;
      else {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
        if (this.offset + this.buffered > this.limit) {
          this.close();
          throw limitError('the gzip data decompresses to more than', this.limit, 'bytes', 'maxDecompressedBytes', { file: this.file });
        }
      }
    }
    const size = Math.min(k, this.buffered);
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const chunk = this.chunks[0];
      const take = Math.min(chunk.length, size - filled);
      out.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(take);
    }
    this.buffered -= size;
    this.offset += size;
    return out;
  }

  /** Stops reading and releases the file. */
  close(): void {
    this.stream.destroy();
  }
}

/**
 * The (decompressed) text of a file, chunk by chunk, decoded as UTF-8.
 *
 * @example
 * for await (const text of textChunks('big.csv')) tokenizer.push(text);
 */
export async function* textChunks(file: string, options: DecompressOptions = {}): AsyncGenerator<string> {
  const reader = await ByteReader.open(file, options);
  const decoder = new StringDecoder('utf8');
  let first = true;
  try {
    for (;;) {
      const bytes = await reader.read(CHUNK);
      if (bytes.length === 0) break;
      let text = decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    reader.close();
  }
}

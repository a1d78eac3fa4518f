/**
 * A random visiting order of a file's chunks, the first half of shuffling a
 * stream that does not fit in memory (the second is the shuffle buffer, as
 * in tf.data and WebDataset): each pass reads the file in chunks of about
 * `bytes` bytes, in a seeded permutation of the chunks (pass k: seed + k),
 * so rows far apart in the file meet in the buffer and a sorted file comes
 * out mixed. Every chunk is read once per pass, so every row comes once.
 * Batches carry `first`, the file index of their first row, which a hash
 * split reads to keep its parts the same in any order. Chunks need random
 * access, so a gzipped file is refused (gzip can only be read from the start).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { DataError } from '../errors.js';
import { fileError } from '../formats/file-bytes.js';
import { isGzip } from '../formats/gzip.js';
import { shuffleIndices } from '../rng.js';

/** Options of reading a file's chunks in a random order. */
export interface ChunkShuffle {
  /** Seed of pass 0; pass k uses seed + k (default 0). */
  seed?: number;
  /** Bytes per chunk (default 4 MiB); memory: one chunk. */
  bytes?: number;
}

/** Bytes per chunk unless told. */
export const DEFAULT_CHUNK_BYTES = 4 << 20;

/**
 * The checked chunk options, refusing a gzipped file.
 *
 * @example
 * const { seed, bytes } = await chunkPlan('big.npy', { seed: 1 }); // bytes: 4 MiB
 */
export async function chunkPlan(file: string, chunks: ChunkShuffle): Promise<Required<ChunkShuffle>> {
  const { seed = 0, bytes = DEFAULT_CHUNK_BYTES } = chunks;
  if (!Number.isFinite(seed)) throw new DataError(`chunk order: seed must be a finite number, got ${seed}`, { file });
  if (!Number.isInteger(bytes) || bytes < 1) throw new DataError(`chunk order: bytes per chunk must be a whole number >= 1, got ${bytes}`, { file });
  const handle = await openFile(file);
  try {
    const head = await readAt(handle, 0, 2, file);
    if (isGzip(head))
      throw new DataError('cannot read the chunks of a gzipped file in a random order (gzip is read from the start only); decompress it, or shuffle with a buffer alone', { file });
  } finally {
    await handle.close();
  }
  return { seed, bytes };
}

/**
 * The chunks' visiting order of pass `pass`: a seeded permutation of 0..count-1.
 *
 * @example
 * chunkOrder(4, 7, 0); // the same permutation of 0..3 every run
 */
export function chunkOrder(count: number, seed: number, pass: number): Int32Array {
  return shuffleIndices(count, seed + pass);
}

/** Opens a file for reading at offsets. */
export async function openFile(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (e) {
    throw fileError(e, file);
  }
}

/** Up to `length` bytes at `offset` (fewer at the end of the file). */
export async function readAt(handle: FileHandle, offset: number, length: number, file: string): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  try {
    while (filled < length) {
      const { bytesRead } = await handle.read(out, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (e) {
    throw fileError(e, file);
  }
  return filled === length ? out : out.subarray(0, filled);
}

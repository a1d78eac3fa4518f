/**
 * Streaming IDX and NPY files: read the header once to learn the shape, then
 * on each pass read `batchSize` samples at a time. Memory is bounded by one
 * batch plus one read-ahead chunk, whatever the size of the file. With
 * `chunks`, each pass reads the file's chunks in a seeded random order
 * (chunk-order.ts); memory is then one chunk.
 */
import { DataError } from '../errors.js';
import { baseName } from '../formats/file-name.js';
import { parseIdxHeader } from '../formats/idx.js';
import type { DecompressOptions } from '../formats/limits.js';
import { parseNpyHeader } from '../formats/npy-header.js';
import { decodeNumbers, dtypeBytes, toFloat32, type NumericDtype } from '../formats/numbers.js';
import type { Batch } from '../types.js';
import { checkBatchSize } from './batch-size.js';
import { chunkOrder, chunkPlan, openFile, readAt, type ChunkShuffle } from './chunk-order.js';
import { ByteReader } from './file-chunks.js';
import type { FileBatchSource } from './file-source.js';

interface Layout {
  dtype: NumericDtype;
  littleEndian: boolean;
  shape: number[];
  headerBytes: number;
  format: 'IDX' | 'NPY';
}

/** Options of idxBatchSource / npyBatchSource. */
export interface BinarySourceOptions extends DecompressOptions {
  /** Divide uint8 data by 255 (default true). */
  scale?: boolean;
  /** NaN: an error (default) or masked (NPY / IDX float data). */
  missing?: 'error' | 'mask';
  /** Source name (default: the file name). */
  name?: string;
  /** Read the file's chunks in a seeded random order each pass (not for gzipped files). */
  chunks?: ChunkShuffle;
}

/**
 * Streams an IDX file (gzipped or not) in batches.
 *
 * @example
 * const source = await idxBatchSource('train-images-idx3-ubyte.gz');
 * for await (const { x, n } of source.batches(256)) train(x, n);
 */
export async function idxBatchSource(file: string, options: BinarySourceOptions = {}): Promise<FileBatchSource> {
  const reader = await ByteReader.open(file, options);
  try {
    let head = await reader.read(4);
    if (head.length === 4 && head[0] === 0 && head[1] === 0) head = concat(head, await reader.read(4 * head[3]));
    const { dtype, shape, headerBytes } = parseIdxHeader(head, file);
    const rest = shape.slice(1);
    const sampleShape = rest.length === 0 ? [1] : rest.length === 2 ? [...rest, 1] : rest;
    return await binarySource(file, { dtype, littleEndian: false, shape, headerBytes, format: 'IDX' }, sampleShape, options);
  } finally {
    reader.close();
  }
}

/**
 * Streams a `.npy` file (gzipped or not) in batches.
 *
 * @example
 * const source = await npyBatchSource('features.npy');
 * source.sampleShape; // e.g. [128]
 */
export async function npyBatchSource(file: string, options: BinarySourceOptions = {}): Promise<FileBatchSource> {
  const reader = await ByteReader.open(file, options);
  try {
    let head = await reader.read(10);
    if (head.length === 10 && head[6] >= 2) head = concat(head, await reader.read(2));
    if (head.length >= 10) {
      const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
      const length = head[6] === 1 ? view.getUint16(8, true) : head.length === 12 ? view.getUint32(8, true) : 0;
      if (length > 1 << 20) throw new DataError(`the NPY header claims ${length} bytes, expected at most 1 MB`, { file, offset: 8 });
      head = concat(head, await reader.read(length));
    }
    const header = parseNpyHeader(head, file);
    if (header.shape.length === 0) throw new DataError('the array is a scalar (shape ()), expected at least 1 dimension', { file });
    const sampleShape = header.shape.length === 1 ? [1] : header.shape.slice(1);
    return await binarySource(
      file,
      { dtype: header.dtype, littleEndian: header.littleEndian, shape: header.shape, headerBytes: header.dataOffset, format: 'NPY' },
      sampleShape,
      options,
    );
  } finally {
    reader.close();
  }
}

async function binarySource(file: string, layout: Layout, sampleShape: number[], options: BinarySourceOptions): Promise<FileBatchSource> {
  const n = layout.shape[0];
  const itemBytes = dtypeBytes[layout.dtype];
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const sampleBytes = size * itemBytes;
  if (n === 0 || size === 0) throw new DataError(`the ${layout.format} array has shape [${layout.shape.join(', ')}], which holds no samples`, { file });
  const divisor = layout.dtype === 'uint8' && options.scale !== false ? 255 : 1;
  const truncated = (first: number, got: number, offset: number) =>
    new DataError(`truncated ${layout.format} data: the header promises ${n} samples of ${sampleBytes} bytes, the file ends after ${first + Math.floor(got / sampleBytes)}`, {
      file,
      sample: first + Math.floor(got / sampleBytes),
      offset: offset + got,
    });
  /** `count` samples from `bytes`, the first being sample `first` at byte `start` of the file. */
  const decode = (bytes: Uint8Array, first: number, count: number, start: number): Batch => {
    const where = (i: number) => ({ file, sample: first + Math.floor(i / size), offset: start + i * itemBytes });
    const data = decodeNumbers(bytes, 0, count * size, layout.dtype, layout.littleEndian, where);
    const mask = options.missing === 'mask' ? new Float32Array(count * size) : undefined;
    const x = toFloat32(data, divisor, where, mask);
    return mask ? { x, n: count, mask } : { x, n: count };
  };
  const chunks = options.chunks && (await chunkPlan(file, options.chunks));
  let pass = 0;
  return {
    name: options.name ?? baseName(file),
    file,
    n,
    sampleShape,
    async *batches(batchSize: number) {
      checkBatchSize(batchSize);
      if (chunks) {
        yield* chunkBatches(batchSize, chunks, pass++);
        return;
      }
      const reader = await ByteReader.open(file, options);
      try {
        await reader.read(layout.headerBytes);
        for (let first = 0; first < n; first += batchSize) {
          const count = Math.min(batchSize, n - first);
          const start = reader.offset;
          const bytes = await reader.read(count * sampleBytes);
          if (bytes.length < count * sampleBytes) throw truncated(first, bytes.length, start);
          yield decode(bytes, first, count, start);
        }
        const extra = await reader.read(1);
        if (extra.length > 0) {
          throw new DataError(`unexpected bytes after the ${layout.format} data (${n} samples end at byte ${reader.offset - 1})`, { file, offset: reader.offset - 1 });
        }
      } finally {
        reader.close();
      }
    },
  };

  async function* chunkBatches(batchSize: number, plan: Required<ChunkShuffle>, k: number): AsyncGenerator<Batch> {
    const rows = Math.max(1, Math.floor(plan.bytes / sampleBytes));
    const handle = await openFile(file);
    try {
      const end = layout.headerBytes + n * sampleBytes;
      const { size: fileSize } = await handle.stat();
      if (fileSize < end) throw truncated(0, fileSize - layout.headerBytes, layout.headerBytes);
      if (fileSize > end) throw new DataError(`unexpected bytes after the ${layout.format} data (${n} samples end at byte ${end})`, { file, offset: end });
      for (const c of chunkOrder(Math.ceil(n / rows), plan.seed, k)) {
        const first = c * rows;
        const count = Math.min(rows, n - first);
        const start = layout.headerBytes + first * sampleBytes;
        const bytes = await readAt(handle, start, count * sampleBytes, file);
        if (bytes.length < count * sampleBytes) throw truncated(first, bytes.length, start);
        const chunk = decode(bytes, first, count, start);
        for (let b = 0; b < count; b += batchSize) {
          const m = Math.min(batchSize, count - b);
          const batch: Batch = { x: chunk.x.subarray(b * size, (b + m) * size), n: m, first: first + b };
          if (chunk.mask) batch.mask = chunk.mask.subarray(b * size, (b + m) * size);
          yield batch;
        }
      }
    } finally {
      await handle.close();
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

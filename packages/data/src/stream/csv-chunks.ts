/**
 * A CSV file's chunks for reading in a random order: a scan of its bytes
 * finds record boundaries about every `bytes` bytes (a line end outside
 * quotes and comments; UTF-8 never has a quote or line-end byte inside a
 * character), then each chunk is parsed on its own, with the line numbers
 * it has in the file. A chunk's rows are counted the first time it is read
 * in order, so the first pass goes in file order and later passes visit the
 * chunks in a seeded random order with the file index of every row known.
 * The scan assumes quotes open and close fields (RFC 4180): a stray quote
 * inside an unquoted field would hide the boundaries after it (fewer,
 * larger chunks) or cut one inside a quoted field (a parse error naming the line).
 */
import type { CsvPlan } from '../formats/csv-plan.js';
import { CsvRows, type CsvRowBatch } from '../formats/csv-rows.js';
import type { Batch } from '../types.js';
import { chunkOrder, openFile, readAt, type ChunkShuffle } from './chunk-order.js';

/** Bytes [start, end) of the file, starting at line `line`. */
interface CsvChunk {
  start: number;
  end: number;
  line: number;
}

const PIECE = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** The chunks of `file`: record boundaries at least `bytes` apart. */
async function scanChunks(file: string, plan: CsvPlan, bytes: number): Promise<CsvChunk[]> {
  const handle = await openFile(file);
  try {
    const { size } = await handle.stat();
    const chunks: CsvChunk[] = [];
    const commentByte = plan.comment.length === 1 && plan.comment.charCodeAt(0) < 0x80 ? plan.comment.charCodeAt(0) : -1;
    let start = 0;
    let startLine = 1;
    let line = 1;
    let quoted = false;
    let comment = false;
    let lineStart = true;
    let afterCR = false;
    const lineEnd = (at: number) => {
      line++;
      comment = false;
      lineStart = true;
      if (!quoted && at - start >= bytes && at < size) {
        chunks.push({ start, end: at, line: startLine });
        start = at;
        startLine = line;
      }
    };
    for (let pos = 0; pos < size; pos += PIECE) {
      const buf = await readAt(handle, pos, Math.min(PIECE, size - pos), file);
      for (let i = 0; i < buf.length; i++) {
        const c = buf[i];
        if (c === LF) {
          afterCR = false;
          lineEnd(pos + i + 1);
          continue;
        }
        if (afterCR) {
          afterCR = false;
          lineEnd(pos + i); // a lone \r ended the line before this byte
        }
        if (c === CR) {
          afterCR = true;
          continue;
        }
        if (lineStart && !quoted && c === commentByte) comment = true;
        else if (c === QUOTE && !comment) quoted = !quoted;
        lineStart = false;
      }
    }
    chunks.push({ start, end: size, line: startLine });
    return chunks;
  } finally {
    await handle.close();
  }
}

/**
 * A batch of converted rows as a stream's batch (with `first`, its first row's file index, when given; labels trimmed).
 *
 * @example
 * const batch = toBatch(rows.end()[0], 0);
 */
export function toBatch({ x, n, mask, labels }: CsvRowBatch, first?: number): Batch {
  const batch: Batch = { x, n };
  if (mask) batch.mask = mask;
  if (first !== undefined) batch.first = first;
  if (labels) batch.labels = labels.map((l) => l.trim());
  return batch;
}

/**
 * The batches of one pass over a CSV file read chunk by chunk: in file order
 * until every chunk's rows are counted, then in the seeded order of pass `pass`.
 * Batches never straddle chunks, and carry `first`, their first row's file index.
 *
 * @example
 * const reader = csvChunkReader('big.csv', plan, { seed: 1 });
 * for await (const batch of reader(256)) step(batch);
 */
export function csvChunkReader(file: string, plan: CsvPlan, chunks: Required<ChunkShuffle>, labels = false): (batchSize: number) => AsyncGenerator<Batch> {
  let table: CsvChunk[] | undefined;
  /** Rows before each chunk, once every chunk was counted. */
  let firstRows: number[] | undefined;
  let pass = 0;
  return async function* (batchSize: number) {
    table ??= await scanChunks(file, plan, chunks.bytes);
    const chunkList = table;
    const order = firstRows ? chunkOrder(chunkList.length, chunks.seed, pass) : Int32Array.from(chunkList, (_, i) => i);
    pass++;
    const counted: number[] = [];
    let total = 0;
    const handle = await openFile(file);
    try {
      for (const c of order) {
        const chunk = chunkList[c];
        const text = new TextDecoder('utf-8').decode(await readAt(handle, chunk.start, chunk.end - chunk.start, file));
        const rows = new CsvRows({ ...plan, hasHeader: plan.hasHeader && c === 0 }, batchSize, labels, chunk.line);
        let first = firstRows ? firstRows[c] : total;
        let count = 0;
        for (const batch of [...rows.push(text), ...rows.end()]) {
          yield toBatch(batch, first);
          first += batch.n;
          count += batch.n;
        }
        counted.push(count);
        total += count;
      }
    } finally {
      await handle.close();
    }
    if (!firstRows) {
      let sum = 0;
      firstRows = counted.map((k) => ((sum += k), sum - k));
    }
  };
}

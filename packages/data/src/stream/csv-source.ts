/**
 * Streaming a CSV / TSV file: the first records decide the plan (delimiter,
 * header, columns), then each pass re-reads the file in 1 MB pieces, converts
 * them (`CsvRows`: plain lines fast, the rest through the tokenizer) and
 * yields `batchSize` rows at a time. The label column is
 * skipped (batches carry features only). With `chunks`, passes after the
 * first read the file's chunks in a seeded random order (csv-chunks.ts).
 */
import { DataError } from '../errors.js';
import { baseName } from '../formats/file-name.js';
import { collectHead, planFromHead, sniffDelimiter, type CsvPlan } from '../formats/csv-plan.js';
import type { CsvFileOptions } from '../formats/csv-read.js';
import type { DecompressOptions } from '../formats/limits.js';
import { CsvRows, type CsvRowBatch } from '../formats/csv-rows.js';
import { CsvTokenizer, type CsvRecord } from '../formats/csv-tokenizer.js';
import { checkBatchSize } from './batch-size.js';
import { chunkPlan, type ChunkShuffle } from './chunk-order.js';
import { csvChunkReader, toBatch } from './csv-chunks.js';
import { textChunks } from './file-chunks.js';
import type { FileBatchSource } from './file-source.js';

/** Options of csvBatchSource. */
export interface CsvSourceOptions extends CsvFileOptions {
  /** Read the file's chunks in a seeded random order in every pass after the first (not for gzipped files). */
  chunks?: ChunkShuffle;
  /** Give each batch its rows' label cells (`labels`, trimmed) when the plan has a label column. */
  labels?: boolean;
}

/**
 * Streams the numeric columns of a CSV / TSV file (gzipped or not) in batches.
 *
 * @example
 * const source = await csvBatchSource('huge.csv', { label: 'class' });
 * for await (const { x, n } of source.batches(512)) train(x, n);
 */
export async function csvBatchSource(file: string, options: CsvSourceOptions = {}): Promise<FileBatchSource & { columns?: string[] }> {
  const comment = options.comment ?? '#';
  let delimiter = options.delimiter ?? (/\.(tsv|tab)(\.gz)?$/i.test(file) ? '\t' : undefined);
  const head: CsvRecord[] = [];
  let tokenizer: CsvTokenizer | undefined;
  const chunks = textChunks(file, options);
  try {
    for await (const text of chunks) {
      delimiter ??= sniffDelimiter(text, comment);
      tokenizer ??= new CsvTokenizer({ delimiter, comment, file });
      if (collectHead(tokenizer, text, head)) break;
    }
    if (head.length < 2 && tokenizer) head.push(...tokenizer.end());
  } finally {
    await chunks.return(undefined);
  }
  if (!delimiter) throw new DataError('empty file: expected rows of numbers', { file, line: 1 });
  const plan = planFromHead(head, options, delimiter, file);
  const labels = options.labels === true;
  const chunked = options.chunks && csvChunkReader(file, plan, await chunkPlan(file, options.chunks), labels);
  return {
    name: options.name ?? baseName(file),
    file,
    sampleShape: [plan.features.length],
    ...(plan.hasHeader ? { columns: plan.features.map((j) => plan.names[j]) } : {}),
    batches: (batchSize: number) => {
      checkBatchSize(batchSize);
      return chunked ? chunked(batchSize) : rows(file, plan, batchSize, options, labels);
    },
  };
}

async function* rows(file: string, plan: CsvPlan, batchSize: number, options: DecompressOptions, labels: boolean) {
  const reader = new CsvRows(plan, batchSize, labels);
  const batch = (b: CsvRowBatch) => toBatch(b);
  for await (const text of textChunks(file, options)) yield* reader.push(text).map(batch);
  yield* reader.end().map(batch);
}

/**
 * Joining the CSV parts that shards wrote into the file one process would
 * have written. Only the first shard writes the header, so the file is the
 * parts one after another, byte for byte; what is checked first is that
 * they fit: the first part starts with the header, no later part repeats
 * it, every record has as many cells as the header, and every part ends
 * with a complete line.
 */
import { CsvTokenizer, DataError } from '@hourglass/data';

/** A shard's output: the file it came from and its bytes. */
export interface OutputPart {
  file: string;
  bytes: Uint8Array;
}

const CHUNK = 1 << 20;

/** The first line of `text` (without its line end). */
const firstLine = (text: string) => text.slice(0, text.search(/\r?\n|$/));

/**
 * The parts' records, checked against the header of the first part; throws a DataError naming the part that does not fit.
 *
 * @example
 * const { bytes, rows } = joinCsvParts([{ file: 'scores-0.csv', bytes: a }, { file: 'scores-1.csv', bytes: b }]);
 */
export function joinCsvParts(parts: OutputPart[]): { bytes: Uint8Array; rows: number } {
  const texts = parts.map((p) => new TextDecoder().decode(p.bytes));
  const header = firstLine(texts[0]);
  if (!header) throw new DataError('the first part holds no CSV header: give the parts in shard order, shard 0 (which writes the header) first', { file: parts[0].file });
  let width = -1;
  let rows = 0;
  parts.forEach(({ file }, k) => {
    const text = texts[k];
    if (text && !text.endsWith('\n')) throw new DataError('the part does not end with a line end: it is not a whole shard output', { file });
    if (k > 0 && text && firstLine(text) === header)
      throw new DataError(`the part starts with the header of ${parts[0].file}, which only the first shard writes: give each shard's part once, in shard order`, { file });
    const tokenizer = new CsvTokenizer({ delimiter: ',', comment: '', file });
    const check = (records: { cells: string[]; line: number }[]) => {
      for (const { cells, line } of records) {
        if (width < 0) width = cells.length;
        else if (cells.length !== width)
          throw new DataError(`${cells.length} cells, but the header of ${parts[0].file} has ${width} (${header}): the parts come from different commands or options`, { file, line });
        rows++;
      }
    };
    for (let at = 0; at < text.length; at += CHUNK) check(tokenizer.push(text.slice(at, at + CHUNK)));
    check(tokenizer.end());
  });
  const bytes = new Uint8Array(parts.reduce((a, p) => a + p.bytes.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p.bytes, at);
    at += p.bytes.length;
  }
  return { bytes, rows: rows - 1 };
}

/**
 * The fast path of CSV conversion (plain lines read from char codes) must be
 * invisible: on any text, parseCsv and csvBatchSource give what the
 * tokenizer + convertRecord reference gives, the same numbers, labels, mask
 * and the same error (message, line, column).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectBatches, csvBatchSource, DataError, parseCsv, type CsvOptions } from '../src/index.js';
import { convertRecord, planCsv, sniffDelimiter } from '../src/formats/csv-plan.js';
import { CsvTokenizer } from '../src/formats/csv-tokenizer.js';

/** The conversion without the fast path: every line through the tokenizer. */
function reference(text: string, options: CsvOptions) {
  const comment = options.comment ?? '#';
  const delimiter = options.delimiter ?? sniffDelimiter(text, comment);
  const t = new CsvTokenizer({ delimiter, comment });
  const records = [...t.push(text), ...t.end()];
  if (records.length === 0) throw new DataError('empty file: expected rows of numbers', { line: 1 });
  const plan = planCsv(records[0], records[1], options, delimiter);
  const rows = plan.hasHeader ? records.slice(1) : records;
  const width = plan.features.length;
  const x = new Float32Array(rows.length * width);
  const mask = plan.missing === 'mask' ? new Float32Array(rows.length * width) : undefined;
  const labels = rows.map((r, i) => convertRecord(plan, r, x, i * width, mask));
  return { x: Array.from(x), n: rows.length, mask: mask && mask.includes(0) ? Array.from(mask) : undefined, labels: plan.label === undefined ? undefined : labels };
}

function outcome<T>(fn: () => T): T | { error: string; line?: number; column?: string | number } {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { error: e.message, line: e.row, column: e.column };
  }
}

const number = fc.oneof(
  fc.float({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.constantFrom('0', '-0', '+1', '.5', '5.', '1e5', '1.5E-3', '-2e+2', '123456789012345678', '0.1234567890123456789', '1e-30', '3e38', '4e38', '1e400', '7e-46'),
);
const odd = fc.constantFrom('', 'NA', 'nan', ' 1', '1 ', '"2"', '"a,b"', 'x', '1x', '1e', '--1', '0x10', 'inf', '\t3');
const cell = fc.oneof({ weight: 8, arbitrary: number }, { weight: 1, arbitrary: odd });
const table = fc.record({
  rows: fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
  ragged: fc.array(fc.nat(11), { maxLength: 1 }),
  extras: fc.array(fc.constantFrom('# comment', '', '1,2', '"multi\nline",1,2'), { maxLength: 2 }),
  header: fc.boolean(),
  crlf: fc.boolean(),
  label: fc.boolean(),
  missing: fc.constantFrom('error', 'mask' as const),
});

function write(t: { rows: string[][]; ragged: number[]; extras: string[]; header: boolean; crlf: boolean; label: boolean }): string {
  const lines = t.rows.map((r, i) => (t.ragged.includes(i) ? r.slice(1) : r).join(','));
  if (t.label) t.rows.forEach((_, i) => (lines[i] += `,${['cat', 'dog', 'x y'][i % 3]}`));
  t.extras.forEach((e, k) => lines.splice((k * 7) % (lines.length + 1), 0, e));
  if (t.header) lines.unshift(t.label ? 'a,b,c,kind' : 'a,b,c');
  return lines.join(t.crlf ? '\r\n' : '\n') + (t.crlf ? '\r\n' : '\n');
}

describe('CSV fast path', () => {
  it('parseCsv gives exactly what the tokenizer path gives, or the same error', () => {
    fc.assert(
      fc.property(table, (t) => {
        const text = write(t);
        const options: CsvOptions = { header: t.header, label: t.label ? 3 : undefined, missing: t.missing };
        const expected = outcome(() => reference(text, options));
        const actual = outcome(() => {
          const ds = parseCsv(text, options);
          const labels = ds.labels && ds.labelNames ? Array.from(ds.labels, (k) => ds.labelNames![k]) : undefined;
          return { x: Array.from(ds.x), n: ds.n, mask: ds.mask ? Array.from(ds.mask) : undefined, labels };
        });
        expect(actual).toEqual(expected);
      }),
      { numRuns: 600 },
    );
  });

  it('csvBatchSource streams the same rows as the tokenizer path, across chunk boundaries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hourglass-csv-fast-'));
    const file = join(dir, 'wide.csv');
    // > 1 MB, so lines straddle the reader's 1 MB pieces; odd lines in the middle
    const lines: string[] = [];
    for (let r = 0; r < 900; r++) {
      const row = Array.from({ length: 200 }, (_, j) => String(Math.fround(Math.sin(r * 200 + j) * 10 ** ((j % 7) - 3))));
      if (r % 97 === 5) row[3] = `"${row[3]}"`;
      if (r % 131 === 7) row[10] = ` ${row[10]}`;
      lines.push(row.join(','));
    }
    const text = lines.join('\r\n') + '\r\n';
    writeFileSync(file, text);
    const source = await csvBatchSource(file);
    const streamed = await collectBatches(source, 64);
    const expected = reference(text, {});
    expect(streamed.n).toBe(expected.n);
    expect(Array.from(streamed.x)).toEqual(expected.x);
  });
});

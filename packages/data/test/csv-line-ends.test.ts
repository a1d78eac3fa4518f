/**
 * CSV lines end at `\n`, `\r\n` or a lone `\r`, in every path: the in-memory
 * reader (its batch was once sized by counting `\n` only, so a CR-only file
 * gave 1 row), the fast plain-line scan, the tokenizer and the streaming
 * reader, whatever the chunk boundaries; and error line numbers count lines
 * the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectBatches, csvBatchSource, DataError, parseCsv, readCsv } from '../src/index.js';
import { countLineEnds, lastLineEnd, nextLineEnd } from '../src/formats/csv-line-ends.js';
import { planCsv } from '../src/formats/csv-plan.js';
import { CsvRows } from '../src/formats/csv-rows.js';
import { expectDataError, expectDataErrorAsync, put, tempDir } from './helpers.js';

const dir = tempDir();
const ENDS = ['\n', '\r\n', '\r'] as const;

/** Lines joined with the given line end per line (cycled), ending with one. */
function join(lines: string[], ends: readonly string[]): string {
  return lines.map((l, i) => l + ends[i % ends.length]).join('');
}

const hundred = ['a,b', ...Array.from({ length: 100 }, (_, i) => `${i},${i * 2}`)];
const expected = Array.from({ length: 100 }, (_, i) => [i, i * 2]).flat();

describe('CSV line ends', () => {
  it('a CR-only text gives every row', () => {
    const ds = parseCsv('a,b\r1,2\r3,4\r5,6\r7,8\r');
    expect(ds.n).toBe(4);
    expect(Array.from(ds.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ds.columns).toEqual(['a', 'b']);
  });

  it('100-row CR-only and mixed files give 100 rows, in memory and streamed', async () => {
    for (const [name, ends] of [['cr.csv', ['\r']], ['mixed.csv', ENDS], ['mixed2.csv', ['\r', '\r', '\n', '\r\n']]] as const) {
      const file = put(dir, name, join(hundred, ends));
      const mem = readCsv(file);
      expect(mem.n, name).toBe(100);
      expect(Array.from(mem.x)).toEqual(expected);
      const streamed = await collectBatches(await csvBatchSource(file), 7);
      expect(streamed.n, name).toBe(100);
      expect(Array.from(streamed.x)).toEqual(expected);
    }
  });

  it('labels are right with CR-only lines', () => {
    const ds = parseCsv('a,kind\r1,x\r2,y\r3,x\r', { label: 'kind' });
    expect(Array.from(ds.labels!)).toEqual([0, 1, 0]);
    expect(ds.labelNames).toEqual(['x', 'y']);
  });

  it('an error names the right line whatever the line ends', () => {
    for (const ends of [['\r'], ENDS, ['\r\n', '\r']]) {
      const lines = [...hundred];
      lines[57] = '56,oops';
      expectDataError(() => parseCsv(join(lines, ends), {}, 'm.csv'), { file: 'm.csv', row: 58, column: 'b', message: /found "oops"/ });
      // a quoted field across a lone \r counts its lines too
      const quoted = ['a,b', '"1\r2",3', '4,x'];
      expectDataError(() => parseCsv(join(quoted, ends), { columns: ['b'] }), { row: 4, column: 'b' });
    }
  });

  it('a \\r\\n or a lone \\r at the 1 MB boundary of the streaming reader', async () => {
    for (const end of ['\r\n', '\r']) {
      // rows of 10 characters with \n, then one row padded so that its \r is the
      // last character of the first 1 MB piece
      const row = (i: number) => String(i).padStart(8, '0') + ',1';
      const lines = ['a,b'];
      let length = 4;
      while (length + 11 < (1 << 20) - 40) {
        lines.push(row(lines.length));
        length += 11;
      }
      const pad = (1 << 20) - 1 - length - 2;
      lines.push('7,' + '1'.padStart(pad, '0'));
      const text = lines.join('\n') + end + '8,2\n9,3\r';
      expect(text.indexOf(end, length)).toBe((1 << 20) - 1);
      const file = put(dir, `boundary-${end.length}.csv`, text);
      const streamed = await collectBatches(await csvBatchSource(file), 1000);
      const mem = readCsv(file);
      expect(streamed.n).toBe(lines.length + 1);
      expect(mem.n).toBe(lines.length + 1);
      expect(Array.from(streamed.x.slice(-6))).toEqual([7, 1, 8, 2, 9, 3]);
      expect(Buffer.compare(Buffer.from(streamed.x.buffer), Buffer.from(mem.x.buffer))).toBe(0);
    }
  });

  it('the streaming converter gives the rows of CR-only text as they come, not all at the end', () => {
    const plan = planCsv({ cells: ['a', 'b'], line: 1 }, undefined, { header: true }, ',');
    const reader = new CsvRows(plan, 2);
    expect(reader.push('a,b\r1,2\r3,4\r5,6\r').map((b) => Array.from(b.x))).toEqual([[1, 2, 3, 4]]);
    // the final \r waits for the next piece (it may be half of a \r\n)
    expect(reader.push('7,8\r')).toEqual([]);
    expect(reader.push('9,10\r').map((b) => Array.from(b.x))).toEqual([[5, 6, 7, 8]]);
    expect(reader.end().map((b) => Array.from(b.x))).toEqual([[9, 10]]);
  });

  it('countLineEnds, lastLineEnd and nextLineEnd count \\r\\n once and wait for a final \\r', () => {
    expect(countLineEnds('a\r\nb\rc\nd')).toBe(3);
    expect(countLineEnds('\r\r\n\n\r')).toBe(4);
    expect(lastLineEnd('1,2\r3,4\r')).toBe(4);
    expect(lastLineEnd('1,2\r3,4\r\n')).toBe(9);
    expect(lastLineEnd('\r')).toBe(0);
    expect(lastLineEnd('1,2')).toBe(0);
    expect(nextLineEnd('1,2\r\n3,4', 0)).toBe(5);
    expect(nextLineEnd('1,2\r3,4', 0)).toBe(4);
    expect(nextLineEnd('1,2', 0)).toBe(3);
  });
});

const value = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constantFrom('1.5', '-0.25', '1e3', '"7"', ' 8', 'NA'));
/** A table (a header and rows of 2 cells), with comments, blank lines and a quoted field holding line ends. */
const tableArb = fc.record({
  rows: fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 25 }),
  // a blank line holds a space: an empty line after a lone \r would make a \r\n
  extras: fc.array(fc.constantFrom('# note', ' ', '"x\ny",1', '"x\r\ny",2', '"x\ry",3'), { maxLength: 3 }),
  ends: fc.array(fc.constantFrom(...ENDS), { minLength: 1, maxLength: 30 }),
  final: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
});

type TableCase = { rows: string[][]; extras: string[]; ends: string[]; final: boolean; cuts: number[] };

/** The lines of a table; extras (with a text first cell) make the label-less read fail, which is compared too. */
function tableLines(t: TableCase): string[] {
  const lines = t.rows.map((r) => r.join(','));
  t.extras.forEach((e, k) => lines.splice(1 + ((k * 5) % lines.length), 0, e));
  return ['a,b', ...lines];
}

/** The text with the case's mix of line ends (one per line, cycled); the last line end is optional. */
function textOf(t: TableCase, ends: readonly string[]): string {
  const text = join(tableLines(t), ends);
  return t.final ? text : text.slice(0, text.length - ends[(tableLines(t).length - 1) % ends.length].length);
}

function outcome<T>(fn: () => T): T | { error: string; line?: number } {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { error: e.reason, line: e.row };
  }
}

async function outcomeAsync<T>(fn: () => Promise<T>): Promise<T | { error: string; line?: number }> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { error: e.reason, line: e.row };
  }
}

/** Rows and mask (a mask of ones is no mask: the streaming reader always gives one with missing: 'mask'). */
const rowsOf = (ds: { n: number; x: Float32Array; mask?: Float32Array }) => ({ n: ds.n, x: Array.from(ds.x), mask: ds.mask?.includes(0) ? Array.from(ds.mask) : undefined });

describe('CSV line-end properties', () => {
  it('any mix of \\n, \\r\\n and \\r gives the rows (or the error, on the same line) of the \\n-only text, in memory and streamed', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const options = { header: true, missing: 'mask' as const };
        const lf = outcome(() => rowsOf(parseCsv(textOf(t, ['\n']), options)));
        const mixedText = textOf(t, t.ends);
        expect(outcome(() => rowsOf(parseCsv(mixedText, options)))).toEqual(lf);
        const file = put(dir, `p${k++ % 4}.csv`, mixedText);
        expect(outcome(() => rowsOf(readCsv(file, options)))).toEqual(lf);
        expect(await outcomeAsync(async () => rowsOf(await collectBatches(await csvBatchSource(file, options), 3)))).toEqual(lf);
      }),
      { numRuns: 200 },
    );
  });

  it('the row converter gives the same rows however the text is cut into pieces', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const text = textOf(t, t.ends);
        const plan = planCsv({ cells: ['a', 'b'], line: 1 }, undefined, { header: true, missing: 'mask' }, ',');
        const run = (pieces: string[]) =>
          outcome(() => {
            const reader = new CsvRows(plan, 4);
            const batches = [...pieces.flatMap((p) => reader.push(p)), ...reader.end()];
            return batches.map((b) => ({ n: b.n, x: Array.from(b.x), mask: b.mask && Array.from(b.mask) }));
          });
        const points = [...new Set(t.cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
        expect(run(pieces)).toEqual(run([text]));
      }),
      { numRuns: 500 },
    );
  });
});

describe('CSV line ends, streamed errors', () => {
  it('a bad cell after CR-only lines is reported on its line by the streaming reader', async () => {
    const lines = [...hundred];
    lines[90] = '89,bad';
    const file = put(dir, 'bad-cr.csv', join(lines, ['\r']));
    await expectDataErrorAsync(async () => collectBatches(await csvBatchSource(file)), { file, row: 91, column: 'b', message: /found "bad"/ });
  });
});

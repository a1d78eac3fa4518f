/**
 * Property-based tests of the text parsers (CSV / TSV, the tokenizer, ratings)
 * and of the array transforms: random valid inputs round-trip; corrupted inputs
 * throw a DataError naming the right line and column; random text never throws
 * anything but a DataError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, DataError, fitScaler, parseCsv, parseRatings, scalerFromJSON, slidingWindows, createDataset } from '../src/index.js';

function parsesOrDataError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
  }
}

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));

/** A random numeric table and the many ways of writing it as text. */
const tableArb = fc
  .record({ rows: fc.integer({ min: 1, max: 8 }), cols: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      values: fc.array(fc.array(float32, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
      delimiter: fc.constantFrom(',', '\t', ';', ' '),
      header: fc.boolean(),
      quote: fc.boolean(),
      crlf: fc.boolean(),
      comments: fc.array(fc.nat(rows), { maxLength: 3 }),
      blanks: fc.array(fc.nat(rows), { maxLength: 3 }),
      pad: fc.boolean(),
    }),
  );

type Table = fc.Arbitrary<unknown> extends never ? never : {
  values: number[][]; delimiter: string; header: boolean; quote: boolean; crlf: boolean; comments: number[]; blanks: number[]; pad: boolean;
};

/** Writes the table; returns the text and the 1-based line of each data row. */
function writeTable(t: Table): { text: string; lines: number[]; names: string[] } {
  const cols = t.values[0].length;
  const names = Array.from({ length: cols }, (_, j) => `col_${j}`);
  const cell = (s: string) => {
    const q = t.quote && t.delimiter !== ' ' ? `"${s}"` : s;
    return t.pad && t.delimiter !== '\t' ? ` ${q} ` : q;
  };
  const out: string[] = [];
  const lines: number[] = [];
  if (t.header) out.push(names.map(cell).join(t.delimiter));
  t.values.forEach((row, i) => {
    for (const c of t.comments) if (c === i) out.push('# comment, with, delimiters\t;');
    for (const b of t.blanks) if (b === i && (out.length > 0 || t.delimiter !== '\t')) out.push('');
    out.push(row.map((v) => cell(String(v))).join(t.delimiter));
    lines.push(out.length);
  });
  return { text: out.join(t.crlf ? '\r\n' : '\n') + (t.crlf ? '\r\n' : '\n'), lines, names };
}

describe('CSV parser properties', () => {
  it('reads back any numeric table, however it is written', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const { text, names } = writeTable(t as Table);
        const ds = parseCsv(text, { header: t.header });
        expect(ds.n).toBe(t.values.length);
        expect(ds.sampleShape).toEqual([t.values[0].length]);
        expect(Array.from(ds.x)).toEqual(t.values.flat());
        if (t.header) expect(ds.columns).toEqual(names);
      }),
      { numRuns: 300 },
    );
  });

  it('detects the delimiter and the header on its own when the table is unambiguous', () => {
    fc.assert(
      fc.property(tableArb.filter((t) => t.values[0].length > 1 && !t.pad), (t) => {
        const { text, names } = writeTable(t as Table);
        const ds = parseCsv(text);
        expect(Array.from(ds.x)).toEqual(t.values.flat());
        expect(ds.columns).toEqual(t.header ? names : undefined);
      }),
      { numRuns: 200 },
    );
  });

  it('names the line and column of a non-numeric cell', () => {
    fc.assert(
      fc.property(tableArb, fc.nat(), fc.nat(), fc.constantFrom('abc', 'x1', '1..2', '--3', '1e', '0x1F', 'one'), (t, r, c, bad) => {
        const values = t.values.map((row) => row.map(String));
        const i = r % values.length;
        const j = c % values[0].length;
        values[i][j] = bad;
        const table = { ...t, values: values as unknown as number[][] } as Table;
        const { text, lines, names } = writeTable(table);
        let error: unknown;
        try {
          parseCsv(text, { header: t.header }, 't.csv');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).row).toBe(lines[i]);
        expect((error as DataError).column).toBe(t.header ? names[j] : j + 1);
        expect((error as DataError).file).toBe('t.csv');
      }),
      { numRuns: 200 },
    );
  });

  it('names the line of a ragged row', () => {
    fc.assert(
      fc.property(tableArb.filter((t) => t.values.length > 1), fc.nat(), fc.boolean(), (t, r, extra) => {
        const i = 1 + (r % (t.values.length - 1));
        const values = t.values.map((row) => [...row]);
        if (extra || values[i].length === 1) values[i].push(1);
        else values[i].pop();
        const { text, lines } = writeTable({ ...t, values } as Table);
        let error: unknown;
        try {
          parseCsv(text, { header: t.header, delimiter: t.delimiter });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).row).toBe(lines[i]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws anything but a DataError on random text', () => {
    const text = fc.string({ unit: fc.constantFrom('1', '2', '.', 'e', '-', ',', ';', '\t', ' ', '\n', '\r', '"', '#', 'a', 'N', '\uFEFF'), maxLength: 80 });
    fc.assert(
      fc.property(text, fc.record({ header: fc.option(fc.boolean(), { nil: undefined }), missing: fc.constantFrom('error', 'mask' as const) }), (s, options) =>
        parsesOrDataError(() => parseCsv(s, options)),
      ),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => parsesOrDataError(() => parseCsv(s))), { numRuns: 300 });
  });
});

describe('CSV tokenizer properties', () => {
  it('gives the same records (or the same error) however the text is cut', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '1', ',', ' ', '\n', '\r', '"', '#'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom(',', ' '), (s, cuts, delimiter) => {
        const run = (pieces: string[]) => {
          const t = new CsvTokenizer({ delimiter, comment: '#' });
          try {
            return [...pieces.flatMap((p) => t.push(p)), ...t.end()];
          } catch (e) {
            if (!(e instanceof DataError)) throw e;
            return e.message;
          }
        };
        const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points].map((p, k, all) => s.slice(p, all[k + 1] ?? s.length));
        expect(run(pieces)).toEqual(run([s]));
      }),
      { numRuns: 500 },
    );
  });
});

describe('ratings parser properties', () => {
  const triples = fc.array(fc.record({ user: fc.integer({ min: 1, max: 9 }), item: fc.integer({ min: 1, max: 9 }), rating: fc.integer({ min: 1, max: 5 }) }), {
    minLength: 1,
    maxLength: 30,
  });

  it('puts every rating at its (user, item) cell, the last one winning', () => {
    fc.assert(
      fc.property(triples, fc.constantFrom('\t', ',', '::'), (ts, sep) => {
        const text = ts.map((t, k) => [t.user, t.item, t.rating, 1000 + k].join(sep)).join('\n');
        const ds = parseRatings(text);
        const last = new Map(ts.map((t) => [`${t.user}/${t.item}`, t.rating]));
        let observed = 0;
        for (let i = 0; i < ds.n; i++) {
          for (let j = 0; j < ds.itemIds.length; j++) {
            const want = last.get(`${ds.userIds[i]}/${ds.itemIds[j]}`);
            expect(ds.mask[i * ds.itemIds.length + j]).toBe(want === undefined ? 0 : 1);
            expect(ds.x[i * ds.itemIds.length + j]).toBe(want ?? 0);
            if (want !== undefined) observed++;
          }
        }
        expect(observed).toBe(last.size);
        expect(ds.userIds.map(Number)).toEqual([...ds.userIds.map(Number)].sort((a, b) => a - b));
      }),
    );
  });

  it('names the line of a corrupted rating', () => {
    fc.assert(
      fc.property(triples, fc.nat(), fc.constantFrom('x', '', 'NaN', '4 stars', 'Infinity'), (ts, at, bad) => {
        const lines = ts.map((t) => `${t.user}\t${t.item}\t${t.rating}\t0`);
        const i = at % lines.length;
        lines[i] = `${ts[i].user}\t${ts[i].item}\t${bad}\t0`;
        let error: unknown;
        try {
          parseRatings(lines.join('\n'), {}, 'u.data');
        } catch (e) {
          error = e;
        }
        
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).row).toBe(i + 1);
        expect((error as DataError).column).toBe('rating');
      }),
    );
  });

  it('never throws anything but a DataError on random text', () => {
    const text = fc.string({ unit: fc.constantFrom('1', '2', '.', ':', ',', '\t', '\n', 'u', ' ', '#'), maxLength: 80 });
    fc.assert(fc.property(text, (s) => parsesOrDataError(() => parseRatings(s))), { numRuns: 500 });
  });
});

describe('windows and scalers', () => {
  it('windows: count and content follow the definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), (T, f, window, stride, horizon) => {
        const series = createDataset({ name: 's', sampleShape: [f], x: Float32Array.from({ length: T * f }, (_, i) => i) });
        if (T < window + horizon) {
          expect(() => slidingWindows(series, { window, stride, horizon })).toThrow(DataError);
          return;
        }
        const w = slidingWindows(series, { window, stride, horizon });
        expect(w.n).toBe(Math.floor((T - window - horizon) / stride) + 1);
        const last = w.n - 1;
        expect(w.x[(last * window + window - 1) * f + f - 1]).toBe((last * stride + window) * f - 1);
        if (horizon > 0) expect(w.y![last * horizon * f]).toBe((last * stride + window) * f);
      }),
    );
  });

  it('scalers: inverse(transform(x)) = x, and JSON round-trips', () => {
    const data = fc.array(fc.float({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 40 }).filter((a) => a.length % 2 === 0);
    fc.assert(
      fc.property(data, fc.constantFrom('minmax', 'standard' as const), fc.constantFrom('feature', 'global' as const), (values, kind, per) => {
        const ds = createDataset({ name: 'd', sampleShape: [2], x: Float32Array.from(values) });
        const s = fitScaler(ds, { kind, per });
        const back = s.inverseArray(s.transformArray(ds.x));
        back.forEach((v, i) => expect(Math.abs(v - ds.x[i])).toBeLessThanOrEqual(1e-3 * (1 + Math.abs(ds.x[i]))));
        const again = scalerFromJSON(JSON.parse(JSON.stringify(s)));
        expect(Array.from(again.transformArray(ds.x))).toEqual(Array.from(s.transformArray(ds.x)));
        if (kind === 'minmax') for (const v of s.transformArray(ds.x)) expect(v >= -1e-6 && v <= 1 + 1e-6).toBe(true);
      }),
    );
  });
});

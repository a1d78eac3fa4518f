import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, parseCsv, readCsv } from '../src/index.js';
import { expectDataError, put, tempDir } from './helpers.js';

const dir = tempDir();
const values = (x: Float32Array) => Array.from(x);

describe('parseCsv', () => {
  it('detects a header, keeps column names, and reads rows as [features]', () => {
    const ds = parseCsv('a,b,c\n1,2,3\n4,5,6\n');
    expect(ds.n).toBe(2);
    expect(ds.sampleShape).toEqual([3]);
    expect(ds.columns).toEqual(['a', 'b', 'c']);
    expect(values(ds.x)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads headerless files, and a text label column is not mistaken for a header', () => {
    const ds = parseCsv('5.1,3.5,setosa\n4.9,3.0,virginica\n', { label: 2 });
    expect(ds.n).toBe(2);
    expect(ds.columns).toBeUndefined();
    expect(ds.labelNames).toEqual(['setosa', 'virginica']);
    expect(Array.from(ds.labels!)).toEqual([0, 1]);
    expect(values(ds.x)).toEqual([5.1, 3.5, 4.9, 3.0].map(Math.fround));
  });

  it('selects columns by name or index and keeps integer labels as they are', () => {
    const text = 'id,x,y,class\n10,1,2,3\n11,4,5,0\n';
    const ds = parseCsv(text, { columns: ['y', 'x'], label: 'class' });
    expect(values(ds.x)).toEqual([2, 1, 5, 4]);
    expect(ds.columns).toEqual(['y', 'x']);
    expect(Array.from(ds.labels!)).toEqual([3, 0]);
    expect(ds.labelNames).toBeUndefined();
    expect(values(parseCsv(text, { columns: [0] }).x)).toEqual([10, 11]);
  });

  it('handles tabs, semicolons, whitespace, quotes, comments, blank lines, CRLF and a BOM', () => {
    expect(values(parseCsv('1\t2\n3\t4\n').x)).toEqual([1, 2, 3, 4]);
    expect(values(parseCsv('1;2\n3;4').x)).toEqual([1, 2, 3, 4]);
    expect(values(parseCsv('  1   2\n 3\t4  \n').x)).toEqual([1, 2, 3, 4]);
    const quoted = parseCsv('"a,1","b ""q"""\n"1", 2\n');
    expect(quoted.columns).toEqual(['a,1', 'b "q"']);
    expect(values(quoted.x)).toEqual([1, 2]);
    const messy = parseCsv('\uFEFF# a comment\r\nx,y\r\n\r\n1,2\r\n# another\r\n3,4\r\n\r\n');
    expect(messy.columns).toEqual(['x', 'y']);
    expect(values(messy.x)).toEqual([1, 2, 3, 4]);
  });

  it('keeps missing cells as masked entries with missing: "mask"', () => {
    const ds = parseCsv('a,b\n1,\n NA ,4\n', { missing: 'mask' });
    expect(values(ds.x)).toEqual([1, 0, 0, 4]);
    expect(values(ds.mask!)).toEqual([1, 0, 0, 1]);
  });

  it('reads files, gzipped or not, TSV by extension', () => {
    expect(values(readCsv(put(dir, 'a.tsv', 'p q\tr\n1\t2\n')).x)).toEqual([1, 2]);
    const ds = readCsv(put(dir, 'b.csv.gz', gzipSync('x,y\n1,2\n')));
    expect(ds.name).toBe('b.csv');
    expect(values(ds.x)).toEqual([1, 2]);
  });
});

describe('parseCsv on bad input, naming line and column', () => {
  const file = 'data.csv';

  it('a ragged row', () => {
    expectDataError(() => parseCsv('a,b,c\n1,2,3\n4,5\n', {}, file), { file, row: 3, column: 'c', message: /expected 3 fields \(as on line 1\), found 2/ });
    expectDataError(() => parseCsv('1,2\n3,4,5\n', {}, file), { row: 2, column: 3, message: /found 3/ });
  });

  it('a non-numeric cell', () => {
    expectDataError(() => parseCsv('a,b\n1,2\n3,x7\n', {}, file), { file, row: 3, column: 'b', message: /expected a number, found "x7"/ });
    expectDataError(() => parseCsv('1,2\n3,0x10\n', {}, file), { row: 2, column: 2 });
  });

  it('NaN, infinities and empty cells', () => {
    expectDataError(() => parseCsv('a,b\n1,NaN\n', {}, file), { row: 2, column: 'b', message: /missing value "NaN"/ });
    expectDataError(() => parseCsv('a,b\n1,2\n-inf,2\n', {}, file), { row: 3, column: 'a', message: /found "-inf", expected a finite number/ });
    expectDataError(() => parseCsv('a,b\n1,2\n1e39,2\n', {}, file), { row: 3, column: 'a', message: /does not fit in float32/ });
    expectDataError(() => parseCsv('a,b\n1,\n', {}, file), { row: 2, column: 'b', message: /missing value ""/ });
    expectDataError(() => parseCsv('a,b\n1,2\n-inf,2\n', { missing: 'mask' }, file), { row: 3, column: 'a' });
  });

  it('an empty file, comments only, a header without rows', () => {
    expectDataError(() => parseCsv('', {}, file), { file, row: 1, message: /empty file/ });
    expectDataError(() => parseCsv('# nothing\n\n', {}, file), { message: /empty file/ });
    expectDataError(() => parseCsv('a,b\n', {}, file), { row: 1, message: /header .* but no data rows/ });
  });

  it('an unknown column, an unterminated quote, a stray quote', () => {
    expectDataError(() => parseCsv('a,b\n1,2\n', { columns: ['c'] }, file), { message: /column "c" not found, expected one of: "a", "b"/ });
    expectDataError(() => parseCsv('1,2\n', { label: 5 }, file), { message: /label column 5 does not exist/ });
    expectDataError(() => parseCsv('a,b\n1,"2\n3,4\n', {}, file), { row: 2, column: 2, message: /unterminated quoted field/ });
    expectDataError(() => parseCsv('a,b\n1,"2"x\n', {}, file), { row: 2, column: 2, message: /after a closing quote, found "x"/ });
  });

  it('an empty label', () => {
    expectDataError(() => parseCsv('a,k\n1,x\n2,\n', { label: 'k' }, file), { row: 3, column: 'k', message: /empty label/ });
  });
});

describe('CsvTokenizer', () => {
  it('gives the same records however the text is cut', () => {
    const text = 'a,"b\r\nc",d\r\n# c\r\n1,"x""y",3\r\n\r\n4,5,6';
    const whole = new CsvTokenizer({ delimiter: ',', comment: '#' });
    const expected = [...whole.push(text), ...whole.end()];
    expect(expected).toEqual([
      { cells: ['a', 'b\r\nc', 'd'], line: 1 },
      { cells: ['1', 'x"y', '3'], line: 4 },
      { cells: ['4', '5', '6'], line: 6 },
    ]);
    for (let cut = 0; cut <= text.length; cut++) {
      const t = new CsvTokenizer({ delimiter: ',', comment: '#' });
      expect([...t.push(text.slice(0, cut)), ...t.push(text.slice(cut)), ...t.end()]).toEqual(expected);
    }
  });
});

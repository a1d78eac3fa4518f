/**
 * DataError is a branded Hourglass error: code DATA, the location as fields,
 * hints with structured option names, recognised from any copy of the package.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, isHourglassError, parseCsv, readData } from '../src/index.js';
import { expectDataError } from './helpers.js';

describe('DataError', () => {
  it('has the code DATA and its location as fields', () => {
    const e = expectDataError(() => parseCsv('a,b\n1,x\n', {}, 'd.csv'), { file: 'd.csv', row: 2, column: 'b' });
    expect([e.code, e.name, isHourglassError(e)]).toEqual(['DATA', 'DataError', true]);
    expect(e.problem).toBe('d.csv, line 2, column "b": expected a number, found "x"');
  });
  it('keeps option names in hints structured, and renders them in API syntax', () => {
    const e = expectDataError(() => parseCsv('a,b\n1,\n', {}, 'm.csv'), { row: 2, column: 'b' });
    expect(e.hint).toEqual(['use ', { option: 'missing', value: 'mask' }, ' to keep missing cells as masked entries']);
    expect(e.message).toBe(`m.csv, line 2, column "b": missing value "", expected a finite number; use missing: 'mask' to keep missing cells as masked entries`);
  });
  it('names the format option for an unrecognised binary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hourglass-errors-'));
    const file = join(dir, 'blob.bin');
    writeFileSync(file, Buffer.from([1, 2, 0, 4]));
    const e = expectDataError(() => readData(file), { file, offset: 2 });
    expect(e.hint?.find((p) => typeof p !== 'string')).toEqual({ option: 'format' });
  });
  it('is recognised when it comes from the other build of the package (ESM and CJS copies)', async () => {
    const esmBuild = '../dist/index.js';
    const esm = (await import(esmBuild)) as typeof import('../src/index.js');
    const cjs = createRequire(import.meta.url)('../dist/index.cjs') as typeof import('../src/index.js');
    expect(cjs.DataError).not.toBe(esm.DataError);
    const fromCjs = new cjs.DataError('bad', { file: 'x.csv' });
    expect(fromCjs instanceof esm.DataError).toBe(false);
    expect([isHourglassError(fromCjs), esm.isHourglassError(fromCjs), cjs.isHourglassError(new esm.DataError('bad'))]).toEqual([true, true, true]);
    expect(fromCjs).toMatchObject({ code: 'DATA', file: 'x.csv' });
    expect(isHourglassError(new DataError('x'))).toBe(true);
  });
});

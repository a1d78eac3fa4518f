import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { HourglassError, isHourglassError, renderHint, apiStyle, HOURGLASS_ERROR, type Hint } from '../src/index.js';

describe('HourglassError', () => {
  it('carries a code, where it happened and the hint after the problem', () => {
    const e = new HourglassError('found "x", expected a number', { code: 'DATA', file: 'a.csv', row: 3, column: 'age', hint: ['pass ', { option: 'missing', value: 'mask' }] });
    expect(e).toMatchObject({ code: 'DATA', file: 'a.csv', row: 3, column: 'age', name: 'HourglassError', problem: 'found "x", expected a number' });
    expect(e.message).toBe(`found "x", expected a number; pass missing: 'mask'`);
    expect(e.field).toBeUndefined();
    expect(new HourglassError('plain').code).toBe('ERROR');
  });
  it('keeps the cause', () => {
    const cause = new Error('EACCES');
    expect(new HourglassError('cannot read', { cause }).cause).toBe(cause);
  });
  it('subclasses keep their name and fix their code', () => {
    class ShapeError extends HourglassError {
      override readonly code = 'SHAPE';
    }
    const e = new ShapeError('bad');
    expect([e.name, e.code, isHourglassError(e), e instanceof HourglassError, e instanceof ShapeError]).toEqual(['ShapeError', 'SHAPE', true, true, true]);
    expect(new HourglassError('x') instanceof ShapeError).toBe(false);
  });
  it('is recognised by the guard, and by instanceof of the base, from another copy of the module', async () => {
    const cjs = createRequire(import.meta.url)('../dist/index.cjs') as typeof import('../src/index.js');
    const esmBuild = '../dist/index.js';
    const esm = (await import(esmBuild)) as typeof import('../src/index.js');
    expect(cjs.HourglassError).not.toBe(HourglassError);
    expect(esm.HourglassError).not.toBe(cjs.HourglassError);
    const other = new cjs.HourglassError('from the CJS build', { code: 'CONFIG' });
    expect(isHourglassError(other)).toBe(true);
    expect(esm.isHourglassError(other)).toBe(true);
    expect(other instanceof HourglassError).toBe(true);
    expect(cjs.HOURGLASS_ERROR).toBe(HOURGLASS_ERROR);
  });
  it('rejects look-alikes', () => {
    const fake = Object.assign(new Error('x'), { name: 'HourglassError', code: 'DATA' });
    expect([isHourglassError(fake), isHourglassError(null), isHourglassError('DataError'), isHourglassError({ [HOURGLASS_ERROR]: 1 })]).toEqual([false, false, false, false]);
  });
});

describe('hints', () => {
  const hint: Hint = ['pass ', { option: 'size', value: [28, 28] }, ' or ', { option: 'missing', value: 'mask' }, ', or train without ', { option: 'resume' }];
  it('render as API options by default', () => {
    expect(renderHint(hint)).toBe("pass size: [28, 28] or missing: 'mask', or train without resume");
    expect(apiStyle({ option: 'clipNorm', value: 1 })).toBe('clipNorm: 1');
  });
  it('render in any other syntax', () => {
    expect(renderHint(hint, (r) => `--${r.option}${r.value === undefined ? '' : ` ${String(r.value)}`}`)).toBe('pass --size 28,28 or --missing mask, or train without --resume');
  });
});

/** Core's error classes: each has its code, and all are recognised across the ESM and CJS builds. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataValueError, DivergedError, HourglassError, ModelFileError, ShapeError, isHourglassError } from '../src/index.js';

describe('core errors', () => {
  it.each([
    [new ConfigError('c'), 'CONFIG', 'ConfigError'],
    [new ShapeError('s'), 'SHAPE', 'ShapeError'],
    [new ModelFileError('m', 'model/model.json'), 'MODEL_FILE', 'ModelFileError'],
    [new DataValueError('d'), 'DATA_VALUE', 'DataValueError'],
    [new DivergedError('x'), 'DIVERGED', 'DivergedError'],
  ])('%s has the code %s', (error, code, name) => {
    expect([error.code, error.name, isHourglassError(error), error instanceof HourglassError]).toEqual([code, name, true, true]);
  });
  it('keeps the old constructor signatures', () => {
    expect(new ModelFileError('checksum mismatch', 'w.bin')).toMatchObject({ message: 'w.bin: checksum mismatch', file: 'w.bin' });
    expect(new ModelFileError('no file').file).toBeUndefined();
    expect(new HourglassError('plain').message).toBe('plain');
  });
  it('renders a structured hint in API syntax after the problem', () => {
    const e = new DivergedError('loss is NaN', { hint: ['lower ', { option: 'learningRate' }, ' or set ', { option: 'clipNorm', value: 1 }] });
    expect(e.message).toBe('loss is NaN; lower learningRate or set clipNorm: 1');
    expect(e.problem).toBe('loss is NaN');
  });
  it('recognises errors of the other build of the package', async () => {
    const esmBuild = '../dist/index.js';
    const esm = (await import(esmBuild)) as typeof import('../src/index.js');
    const cjs = createRequire(import.meta.url)('../dist/index.cjs') as typeof import('../src/index.js');
    expect(cjs.ConfigError).not.toBe(esm.ConfigError);
    const fromCjs = new cjs.ShapeError('bad shape');
    expect(fromCjs instanceof esm.ShapeError).toBe(false);
    expect([isHourglassError(fromCjs), esm.isHourglassError(fromCjs), cjs.isHourglassError(new esm.ConfigError('x'))]).toEqual([true, true, true]);
    expect(fromCjs instanceof HourglassError).toBe(true);
    expect([fromCjs.code, fromCjs.name, new cjs.ConfigError('x').name, new esm.DivergedError('x').name]).toEqual(['SHAPE', 'ShapeError', 'ConfigError', 'DivergedError']);
  });
});

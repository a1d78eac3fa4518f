/** Hints rendered as flags, and exit codes, for errors from any copy of any package. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ConfigError, DivergedError, ModelFileError } from '@hourglass/core';
import { cliMessage, cliStyle } from '../src/flag-hints.js';
import { EXIT, UsageError, exitCodeOf } from '../src/exit-codes.js';

describe('cliStyle', () => {
  it.each([
    [{ option: 'missing', value: 'mask' }, '--missing mask'],
    [{ option: 'size', value: [28, 28] }, '--size 28,28'],
    [{ option: 'learningRate', value: 0.0001 }, '--lr 0.0001'],
    [{ option: 'clipNorm' }, '--clip-norm'],
    [{ option: 'resume', value: true }, '--resume'],
    [{ option: 'someNewOption', value: 3 }, '--some-new-option 3'],
  ])('renders %j as %s', (ref, flag) => {
    expect(cliStyle(ref)).toBe(flag);
  });
});

describe('cliMessage', () => {
  it('renders the hint of an error from the CJS build of @hourglass/data in flag syntax', () => {
    const data = createRequire(import.meta.url)('@hourglass/data') as typeof import('@hourglass/data');
    const e = new data.DataError('missing value ""', { file: 'a.csv', line: 3, column: 'b', hint: ['use ', { option: 'missing', value: 'mask' }] });
    expect(e.message).toBe(`a.csv, line 3, column "b": missing value ""; use missing: 'mask'`);
    expect(cliMessage(e)).toBe('a.csv, line 3, column "b": missing value ""; use --missing mask');
    expect(exitCodeOf(e)).toBe(EXIT.failure);
  });
  it('leaves a message without a hint as it is', () => {
    expect(cliMessage(new ModelFileError('checksum mismatch', 'model/weights.bin'))).toBe('model/weights.bin: checksum mismatch');
  });
  it('keeps the text around option references', () => {
    const e = new DivergedError('loss is NaN at epoch 3', { hint: ['lower ', { option: 'learningRate' }, ' (now 0.1) or set ', { option: 'clipNorm', value: 1 }] });
    expect(cliMessage(e)).toBe('loss is NaN at epoch 3; lower --lr (now 0.1) or set --clip-norm 1');
  });
});

describe('exitCodeOf', () => {
  it('is 2 for usage and configuration errors, 1 for the rest', () => {
    expect([exitCodeOf(new UsageError('x')), exitCodeOf(new ConfigError('x')), exitCodeOf(new DivergedError('x'))]).toEqual([2, 2, 1]);
  });
});

import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSystemError, errnoCode } from '../src/index.js';

describe('describeSystemError', () => {
  it('says what a real failed system call means and what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hourglass-errors-'));
    try {
      writeFileSync(join(dir, 'file'), '');
      let thrown: unknown;
      try {
        mkdirSync(join(dir, 'file', 'sub'));
      } catch (e) {
        thrown = e;
      }
      expect(errnoCode(thrown)).toBe('ENOTDIR');
      expect(describeSystemError(thrown)).toBe('ENOTDIR (a file is where a folder was expected); give the path of a folder (not a file), or move the file away');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('reads the code of a cause, and keeps the message of an unknown code', () => {
    expect(errnoCode({ cause: { code: 'EROFS' } })).toBe('EROFS');
    expect(describeSystemError(Object.assign(new Error('odd'), { code: 'EWHATEVER' }))).toBe('EWHATEVER (odd)');
  });
  it('does not take an error code of another kind for an errno code', () => {
    expect(errnoCode({ code: 'MODEL_FILE' })).toBeUndefined();
    expect(errnoCode({ code: 'commander.unknownOption' })).toBeUndefined();
    expect(describeSystemError(new Error('plain'))).toBe('plain');
  });
});

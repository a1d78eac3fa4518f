import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../src/output.js';
import { tempDir } from './in-process.js';

const dir = tempDir();

describe('writeOutput', () => {
  it('writes a file whole and leaves nothing beside it', async () => {
    await writeOutput(join(dir, 'a.csv'), 'x\n1\n');
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('x\n1\n');
    expect((await readdir(dir)).filter((f) => f.startsWith('a.csv'))).toEqual(['a.csv']);
  });
  it('names the path, the cause and what to do, and leaves no temporary file', async () => {
    await mkdir(join(dir, 'taken.csv'));
    await expect(writeOutput(join(dir, 'taken.csv'), 'x\n')).rejects.toThrow(
      `${join(dir, 'taken.csv')}: cannot write: EISDIR (a directory is where a file was expected); give the path of a file, or remove or rename that directory`,
    );
    await expect(writeOutput(join(dir, 'no-such-folder', 'b.csv'), 'x\n')).rejects.toThrow(/no-such-folder\/b\.csv: cannot write: ENOENT \(no such file or directory\); check the path$/);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { csvBatchSource, parseCsv } from '../src/index.js';
import { put, tempDir } from './helpers.js';

const dir = tempDir();
const text = 'a,b,y\n1,2,0\n3,4,1\n';

describe('a label column named among the feature columns', () => {
  it('is refused by name, by either reader, instead of reading as an empty label', async () => {
    const message = 'data.csv, line 1: the label column "y" cannot also be a feature column: leave it out of columns';
    expect(() => parseCsv(text, { label: 'y', columns: ['a', 'y'] }, 'data.csv')).toThrow(message);
    expect(() => parseCsv(text, { label: 2, columns: [0, 2] }, 'data.csv')).toThrow(message);
    const file = put(dir, 'data.csv', text);
    await expect(csvBatchSource(file, { label: 'y', columns: ['a', 'y'] })).rejects.toThrow('the label column "y" cannot also be a feature column');
  });
  it('leaves a label column outside the features as it was', () => {
    const ds = parseCsv(text, { label: 'y', columns: ['b', 'a'] });
    expect(Array.from(ds.x)).toEqual([2, 1, 4, 3]);
    expect(Array.from(ds.labels!)).toEqual([0, 1]);
  });
});

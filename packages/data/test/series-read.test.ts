import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeries } from '../src/index.js';
import { expectDataError, put, tempDir } from './helpers.js';

describe('readSeries', () => {
  const dir = tempDir();
  const folder = join(dir, 'sensors');
  mkdirSync(folder);
  put(folder, 'b.csv', 'time,temp,hum\n1,20,50\n2,21,51\n');
  put(folder, 'a.csv', 'time,temp,hum\n1,10,40\n2,11,41\n3,12,42\n');
  put(folder, 'notes.md', 'not a series');
  const odd = put(dir, 'odd.csv', 'time,temp\n1,5\n');

  it('reads every CSV file of a folder in name order, with the chosen columns', () => {
    const series = readSeries(folder, { columns: ['temp', 'hum'] });
    expect(series.map((s) => s.name)).toEqual(['a.csv', 'b.csv']);
    expect(series.map((s) => s.n)).toEqual([3, 2]);
    expect(series[1].columns).toEqual(['temp', 'hum']);
    expect(Array.from(series[1].x)).toEqual([20, 50, 21, 51]);
  });

  it('reads a list of files and names the file whose columns differ', () => {
    expect(readSeries([join(folder, 'b.csv')]).length).toBe(1);
    expectDataError(() => readSeries([join(folder, 'a.csv'), odd]), {
      file: odd,
      message: /has the columns \["time","temp"\], but .*a\.csv has the columns \["time","temp","hum"\]/,
    });
    expectDataError(() => readSeries([join(folder, 'a.csv'), odd], { columns: ['hum'] }), { file: odd, message: /hum/ });
    expectDataError(() => readSeries(dir + '/empty-nothing'), { message: /no such file/ });
  });
});

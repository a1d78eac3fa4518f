import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSeriesFile, bundledSeriesNames, detectFormat, readData, bundledSeriesLabels } from '../src/index.js';
import { expectDataError } from './helpers.js';

describe('bundled NAB series', () => {
  it('reads each bundled series by name as its CSV', () => {
    for (const name of bundledSeriesNames) {
      const ds = readData(name, { columns: ['value'] });
      expect(ds.n).toBe(4032);
      expect(ds.sampleShape).toEqual([1]);
      expect(ds.columns).toEqual(['value']);
      expect(detectFormat(name)).toBe('csv');
    }
    expect(readData('nab/art_daily_jumpsup', { columns: ['value'] }).x[0]).toBeCloseTo(19.761251903, 5);
  });

  it('ships the licence next to the files', () => {
    const licence = readFileSync(join(dirname(bundledSeriesFile('nab/art_daily_jumpsup')), 'LICENSE'), 'utf8');
    expect(licence).toMatch(/Numenta/);
    expect(licence).toMatch(/Permission is hereby granted, free of charge/);
  });

  it("turns NAB's label windows into rows: 403 labelled points in art_daily_jumpsup", () => {
    const labels = bundledSeriesLabels('nab/art_daily_jumpsup');
    expect(labels.windows).toEqual([[2787, 3190]]);
    expect(labels.timestamps[2787]).toBe('2014-04-10 16:15:00');
    expect(labels.timestamps[3189]).toBe('2014-04-12 01:45:00');
    expect(labels.points.reduce((a, b) => a + b, 0)).toBe(403);
    expect(labels.anomalies).toEqual([2988]);
    const clean = bundledSeriesLabels('nab/art_daily_small_noise');
    expect(clean.windows).toEqual([]);
    expect(clean.points.length).toBe(4032);
  });

  it('refuses an unknown bundled name, and lists the names when nothing matches', () => {
    expectDataError(() => bundledSeriesLabels('nab/art_flatline'), { message: /nab\/art_daily_small_noise, nab\/art_daily_jumpsup/ });
    expectDataError(() => readData('nab/nothing'), { message: /mnist, fashion-mnist, nab\/art_daily_small_noise/ });
  });

  it('is part of the published files', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('datasets');
    expect(existsSync(join(__dirname, '../datasets/nab/combined_windows.json'))).toBe(true);
  });
});

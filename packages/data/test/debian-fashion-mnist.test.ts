/**
 * The real Fashion-MNIST IDX files, where Debian's dataset-fashion-mnist
 * package put them (`apt-get install dataset-fashion-mnist`); skipped, with
 * the reason, on a machine without them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIdx } from '../src/index.js';

const dir = '/usr/share/datasets/fashion-mnist';
const present = existsSync(join(dir, 'train-labels-idx1-ubyte.gz'));

describe.skipIf(!present)(`Debian's Fashion-MNIST files (${dir})`, () => {
  it('reads 60,000 + 10,000 gzipped 28x28 images with balanced labels', () => {
    const train = readIdx(join(dir, 'train-images-idx3-ubyte.gz'), { labels: join(dir, 'train-labels-idx1-ubyte.gz') });
    expect(train.n).toBe(60000);
    expect(train.sampleShape).toEqual([28, 28, 1]);
    const counts = new Array(10).fill(0);
    for (const k of train.labels!) counts[k]++;
    expect(counts).toEqual(new Array(10).fill(6000));
    let max = 0;
    for (const v of train.x) if (v > max) max = v;
    expect(max).toBe(1); // bytes divided by 255
    const test = readIdx(join(dir, 't10k-images-idx3-ubyte.gz'), { labels: join(dir, 't10k-labels-idx1-ubyte.gz') });
    expect([test.n, test.labels!.length]).toEqual([10000, 10000]);
  }, 60_000); // inflating and scaling 70,000 images takes seconds, more on a busy machine
});
if (!present) console.warn(`[debian-fashion-mnist] skipped: no ${dir} (apt-get install dataset-fashion-mnist)`);

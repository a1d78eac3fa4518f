/**
 * The size limits of the library are flags of the command line, and their
 * errors name the flag: a model too large to build, a gzip that decompresses
 * past its bound, an image whose header claims too many pixels.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { hourglass, tempDir } from './in-process.js';

const dir = tempDir();
const csv = join(dir, 'wide.csv');
const header = Array.from({ length: 40 }, (_, j) => `f${j}`).join(',');
const rows = Array.from({ length: 30 }, (_, i) => Array.from({ length: 40 }, (_, j) => ((i * 7 + j) % 10) / 10).join(','));
writeFileSync(csv, [header, ...rows].join('\n') + '\n');

describe('size limits from the command line', () => {
  it('refuses a model over --max-parameters before building it, and names the flag', async () => {
    const r = await hourglass('train', '--data', csv, '--loss', 'mse', '--hidden', '64', '--latent', '4', '--epochs', '1', '--max-parameters', '1000', '--out', join(dir, 'big'), '--quiet', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the model would have 5,[0-9]{3} parameters .*more than the limit of 1,000; use fewer input features or narrower layers, or raise --max-parameters if the memory is there\n$/);
  });
  it('refuses a gzip that decompresses past --max-decompressed-bytes, and names the flag', async () => {
    const gz = join(dir, 'wide.csv.gz');
    writeFileSync(gz, gzipSync([header, ...rows, ...rows, ...rows].join('\n') + '\n'));
    const r = await hourglass('train', '--data', gz, '--loss', 'mse', '--epochs', '1', '--max-decompressed-bytes', '2000', '--out', join(dir, 'gz'), '--quiet', '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/decompresses to more than the limit of 2,000 bytes; if the file is genuine, raise the limit with --max-decompressed-bytes\n$/);
  });
  it('refuses an image over --max-pixels from its header, and names the flag', async () => {
    const images = join(dir, 'images');
    const png = new PNG({ width: 40, height: 30 });
    png.data.fill(128);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(images);
    writeFileSync(join(images, 'a.png'), PNG.sync.write(png));
    writeFileSync(join(images, 'b.png'), PNG.sync.write(png));
    const r = await hourglass('train', '--data', images, '--epochs', '1', '--max-pixels', '1000', '--out', join(dir, 'img'), '--quiet', '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/40 x 30 = 1,200 pixels, more than the limit of 1,000 pixels; if the file is genuine, raise the limit with --max-pixels\n$/);
  });
});

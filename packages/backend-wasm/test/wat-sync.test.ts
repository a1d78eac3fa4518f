/** The committed binaries of every `.wat` kernel module match their text. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generatedSource, outputPath } from '../scripts/assemble-wat.mjs';

const kernels = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'kernels');
const watFiles = readdirSync(kernels, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.wat'))
  .map((f) => join(kernels, f));

it('finds the kernel modules', () => {
  expect(watFiles.map((f) => f.slice(kernels.length + 1))).toContain(join('pool', 'pool-kernels.wat'));
});

it.each(watFiles)('%s is assembled (node scripts/assemble-wat.mjs <file>)', async (wat) => {
  expect(readFileSync(outputPath(wat), 'utf8')).toBe(await generatedSource(wat));
});

/**
 * @hourglass/backends bundles for browsers: there backend-node resolves to
 * its `browser` entry, so nothing of Node is imported and nothing is left
 * out of the bundle.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe.skipIf(!existsSync(join(packageDir, 'dist', 'index.js')))('browser bundle of the built package', () => {
  it('bundles with esbuild --platform=browser, with no externals and the browser entry of backend-node', async () => {
    const entry = join(packageDir, 'dist', 'index.js');
    const result = await esbuild.build({ entryPoints: [entry], platform: 'browser', format: 'esm', bundle: true, write: false, metafile: true, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.text)).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.endsWith('backend-node/dist/browser.js'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('backend-node/dist/index.js'))).toBe(false);
    const externals = Object.values(result.metafile.outputs)[0].imports.filter((i) => i.external && i.path !== '<runtime>');
    expect(externals).toEqual([]);
  });
});

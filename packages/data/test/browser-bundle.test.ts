/**
 * The built package (dist/) in a browser bundle: esbuild resolves
 * `@hourglass/data` with platform 'browser', so the `browser` export
 * condition picks dist/browser.js. The bundle must reach no Node builtin,
 * leave nothing external and warn about nothing; a bundle that never calls
 * decodeImage must drop pngjs and jpeg-js; and the bundle must run in a bare
 * V8 realm (no Buffer, process, require or timers; only TextDecoder, as in
 * every browser) and give the results of the Node entry.
 *
 * Needs `npx tsup` first: without dist/ the tests are skipped, with the reason.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { describe, expect, it, type TestContext } from 'vitest';
import * as node from '../src/index.js';
import { runAll, samples, type Api } from './browser-samples.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function needDist(ctx: TestContext): void {
  if (existsSync(join(packageDir, 'dist', 'browser.js'))) return;
  const reason = 'dist/ is missing: run `npx tsup` in packages/data first';
  console.warn(`[browser-bundle.test] skipped: ${reason}`);
  ctx.skip(reason);
}

/** Bundles `contents` (which imports @hourglass/data) for browsers, as the package is installed. */
async function bundle(contents: string, options: Pick<esbuild.BuildOptions, 'format' | 'globalName' | 'minify'> = {}) {
  const result = await esbuild.build({
    format: 'esm', ...options,
    stdin: { contents, resolveDir: packageDir, loader: 'js' },
    bundle: true, platform: 'browser', target: 'es2022', write: false, metafile: true, logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return {
    code: result.outputFiles[0].text,
    warnings: result.warnings.map((w) => `${w.text} (${w.location?.file}:${w.location?.line})`),
    externals: output.imports.filter((i) => i.external).map((i) => i.path),
    inputs: Object.keys(result.metafile.inputs),
    imports: Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path)),
    /** Inputs that put code into the output. */
    used: Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([path]) => path),
  };
}

describe('the built package in a browser bundle', () => {
  it('picks dist/browser.js and reaches no Node builtin, no external, no warning', async (ctx) => {
    needDist(ctx);
    const b = await bundle("import * as d from '@hourglass/data'; globalThis.d = d;");
    expect(b.warnings).toEqual([]);
    expect(b.externals).toEqual([]);
    expect(b.inputs.some((p) => p.endsWith('dist/browser.js'))).toBe(true);
    expect(b.inputs.filter((p) => resolve(p) === join(packageDir, 'dist', 'index.js'))).toEqual([]);
    expect(b.inputs.filter((p) => BUILTINS.has(p) || p.startsWith('(disabled)'))).toEqual([]);
    expect(b.imports.filter((p) => BUILTINS.has(p))).toEqual([]);
  });

  it('drops pngjs and jpeg-js when decodeImage is not used', async (ctx) => {
    needDist(ctx);
    const b = await bundle("export { parseCsv, fitScaler, DataError } from '@hourglass/data';", { minify: true });
    expect(b.used.filter((p) => /node_modules[\\/](pngjs|jpeg-js)[\\/]/.test(p))).toEqual([]);
    expect(b.code.length).toBeLessThan(40_000);
  });

  it('runs without Node globals and gives the results of the Node entry', async (ctx) => {
    needDist(ctx);
    const b = await bundle("export * from '@hourglass/data';", { format: 'iife', globalName: 'hourglassData' });
    const realm = createContext({ TextDecoder });
    runInContext(b.code, realm);
    const api = realm.hourglassData as Api;
    const RealmUint8Array = runInContext('Uint8Array', realm) as Uint8ArrayConstructor;
    const input = samples((bytes) => new RealmUint8Array(bytes));
    expect(await runAll(api, input)).toEqual(await runAll(node, samples()));
    let error: Error | undefined;
    try {
      api.parseIdx(new RealmUint8Array([0x1f, 0x8b, 8, 0]));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('DataError');
    expect(error?.message).toMatch(/gzip-compressed .*DecompressionStream/);
  });
});

/**
 * Hourglass trains in a real browser on the WASM SIMD backend.
 *
 * esbuild bundles test/browser/page.ts for the browser (this package from
 * src/, @hourglass/core and the variants from their built dist/, as every
 * other test here); test/browser/harness.ts serves it with the three .wasm
 * files of the installed @tensorflow/tfjs-backend-wasm, cross-origin
 * isolated, to headless Chromium, which runs it:
 * `setupWasm({ baseUrl: '/wasm/' })`, a dense and a convolutional model
 * trained for a few epochs, saved to a memory store and reloaded, and
 * a model trained by the CLI loaded by its URL (`loadModel` over fetch),
 * from chosen files (File objects, as an `<input type="file">` gives them),
 * from IndexedDB after a save there, and as its `hourglass export` tfjs
 * LayersModel with stock tfjs-layers, each within 1e-5 of Node's outputs.
 * test/browser/paths-page.ts then starts the backend from bundler-style
 * hashed .wasm names (`wasmPaths`), and from a map naming a missing file,
 * whose error must name that URL and its 404.
 *
 * No Chromium: the browser tests are skipped (with the reason), unless
 * HOURGLASS_REQUIRE_BROWSER=1, when they fail (see harness.ts).
 */
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import type { PageResult } from './browser/page.js';
import type { PathsPageResult } from './browser/paths-page.js';
import { WASM_FILE_NAMES } from '../src/wasm-paths.js';
import { ASSET_HASH, BUILTINS, bundlePage, closeHarness, openPage, skipWithoutChromium, startHarness } from './browser/harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
/** How long the page may take to train both models. */
const PAGE_TIMEOUT_MS = 40_000;

/** The CLI's command file; the page loads a model the CLI trained and exported. */
const CLI = join(packageDir, '..', 'cli', 'bin', 'hourglass.cjs');

/** Runs `hourglass ...args` in a child process; rejects with its stderr when it fails. */
async function runCli(...args: string[]): Promise<void> {
  if (!existsSync(join(packageDir, '..', 'cli', 'dist', 'index.js'))) throw new Error('the CLI is not built (npm run build): the browser test serves a model it trains');
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [CLI, ...args], { timeout: 120_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`hourglass ${args[0]} failed: ${stderr}`)) : resolve())),
  );
}

/**
 * Trains a small dense model with the CLI (`hourglass train` on a CSV of
 * values in [0, 1], so no scaling), exports it as a tfjs LayersModel
 * (`hourglass export`), and writes a probe with Node's reconstructions of
 * it (cpu backend) to expected.json: `dir` then holds model/, tfjs/ and
 * expected.json, what the page loads over HTTP and must reproduce.
 */
async function saveServedModel(dir: string): Promise<void> {
  const rows = ['c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15'];
  for (let i = 0; i < 256; i++) rows.push(Array.from({ length: 16 }, (_, j) => ((Math.sin(i * 0.37 + j * 0.5) + 1) / 2).toFixed(4)).join(','));
  await writeFile(join(dir, 'train.csv'), rows.join('\n') + '\n');
  await runCli('train', '--data', join(dir, 'train.csv'), '--latent', '3', '--hidden', '12', '--epochs', '2', '--backend', 'cpu', '--out', join(dir, 'run'), '--quiet');
  await rename(join(dir, 'run', 'model'), join(dir, 'model'));
  await runCli('export', '--model', join(dir, 'model'), '--format', 'tfjs-layers', '--out', join(dir, 'tfjs'), '--backend', 'cpu');
  await import('@tensorflow/tfjs-backend-cpu');
  const { loadModel, registerVariant, tf } = await import('@hourglass/core');
  const { undercomplete } = await import('@hourglass/variant-undercomplete');
  await tf.setBackend('cpu');
  registerVariant(undercomplete);
  const model = await loadModel(join(dir, 'model'));
  const probe = Array.from({ length: 4 * 16 }, (_, i) => (Math.sin(i * 1.7) + 1) / 2);
  const out = model.reconstruct(tf.tensor(probe, [4, 16]));
  const expected = { probe, shape: [4, 16], output: Array.from(await out.data()) };
  tf.dispose(out);
  model.dispose();
  await writeFile(join(dir, 'expected.json'), JSON.stringify(expected));
}

afterAll(closeHarness);

describe('browser bundles', () => {
  it('the page bundles for the browser; Node builtins are reached only by dynamic import()', async () => {
    const bundle = await bundlePage();
    expect(bundle.warnings).toEqual([]);
    expect(bundle.js.byteLength).toBeGreaterThan(100_000);
    // Only lazy builtins are left out of the bundle; anything else must be in it.
    for (const e of bundle.externals) expect(BUILTINS.has(e.path) && e.kind === 'dynamic-import', `${e.kind} ${e.path}`).toBe(true);
  });

  it.skipIf(!existsSync(join(packageDir, 'dist', 'index.js')))(
    "the built package (dist/) bundles for the browser with no externals (its `browser` field)",
    async () => {
      const result = await esbuild.build({
        stdin: { contents: "export { setupWasm, probeWasm } from '@hourglass/backend-wasm';", resolveDir: packageDir, loader: 'js' },
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      expect(result.warnings.map((w) => w.text)).toEqual([]);
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((p) => p.includes('backend-wasm/dist/index.js'))).toBe(true);
      expect(Object.values(result.metafile.outputs)[0].imports.filter((i) => i.external)).toEqual([]);
    },
  );
});

describe('in headless Chromium', () => {
  it('setupWasm({ baseUrl }) gives wasm SIMD; a dense and a conv model train, save and reload', async (ctx) => {
    skipWithoutChromium(ctx);
    const started = Date.now();
    const bundle = await bundlePage();
    const { server } = await startHarness();
    await saveServedModel(server.servedDir);
    const firstRequest = server.requests.length;
    const { result: outcome, pageErrors, consoleErrors, workers, context } = await openPage<PageResult>('/', PAGE_TIMEOUT_MS);
    if ('error' in outcome) throw new Error(`the page failed: ${outcome.error}${context()}`);
    const result: PageResult = outcome;
    const seconds = (Date.now() - started) / 1000;

    const wasmFetched = server.requests.slice(firstRequest).filter((p) => p.startsWith('/wasm/'));
    console.info(
      `[browser.test] ${result.userAgent}\n` +
        `  bundle ${(bundle.js.byteLength / 1e6).toFixed(1)} MB in ${bundle.ms} ms (lazy builtins: ${bundle.externals.map((e) => e.path).join(', ')}); crossOriginIsolated ${result.crossOriginIsolated}; cores ${result.hardwareConcurrency}\n` +
        `  backend ${result.backend}, build ${result.build}, simd ${result.simd}, threads ${result.threads}` +
        `${result.reason ? ` (${result.reason})` : ''}, init ${result.initMs} ms, fetched ${wasmFetched.join(', ')}, workers ${workers.length}\n` +
        result.models
          .map((m) => `  ${m.label}: loss ${m.losses.map((l) => l.toFixed(4)).join(' > ')}; ${Math.round(m.samplesPerSec)} samples/s; reload max |diff| ${m.reloadMaxDiff}`)
          .join('\n') +
        `\n  trained by the CLI, served over HTTP: ${result.served.parameters} parameters; max |diff| from Node ${Object.entries(result.served.diffs).map(([how, d]) => `${how} ${d.toExponential(2)}`).join(', ')}` +
        `\n  page ${result.totalMs} ms, whole test ${seconds.toFixed(1)} s`,
    );

    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(result.backend).toBe('wasm');
    expect(result.simd).toBe(true);
    expect(['simd', 'threaded-simd']).toContain(result.build);
    // The binary the browser fetched is the one the report names.
    expect(wasmFetched).toContain(result.build === 'threaded-simd' ? '/wasm/tfjs-backend-wasm-threaded-simd.wasm' : '/wasm/tfjs-backend-wasm-simd.wasm');
    expect(wasmFetched).not.toContain('/wasm/tfjs-backend-wasm.wasm');
    // Threads are reported, not required: the page is cross-origin isolated, so
    // tfjs may start them; if it does not, the report must say why.
    expect(result.crossOriginIsolated).toBe(true);
    expect(result.reason === undefined).toBe(result.build === 'threaded-simd' && result.threads >= 2);

    expect(result.models.map((m) => m.label)).toEqual(['dense', 'convolutional']);
    for (const m of result.models) {
      expect(m.losses.every(Number.isFinite)).toBe(true);
      expect(m.losses.at(-1)!).toBeLessThan(m.losses[0] * 0.95);
      expect(m.reloadedEqual).toBe(true);
    }
    expect(result.compiledKernels).toEqual({ pool: true, filterGrad: true });
    expect(result.leakedTensors).toBe(0);
    // a model trained by the CLI, loaded in the page four ways: Node's outputs on cpu, the page's on wasm
    expect(server.requests).toContain('/served/model/model.json');
    expect(server.requests).toContain('/served/tfjs/model.json');
    expect(result.served.parameters).toBe(2 * (16 * 12 + 12 * 3) + 12 + 3 + 12 + 16);
    expect(Object.keys(result.served.diffs).sort()).toEqual(['files', 'indexedDb', 'tfjsLayers', 'url']);
    for (const d of Object.values(result.served.diffs)) expect(d).toBeLessThan(1e-5);
    expect(seconds).toBeLessThan(60);
  });

  /** Opens the paths page with these `setupWasm` options; returns its outcome and the .wasm files it fetched. */
  async function setupInPage(options: object): Promise<{ outcome: PathsPageResult; wasmFetched: string[]; consoleErrors: string[] }> {
    const { server } = await startHarness();
    const first = server.requests.length;
    const { result, consoleErrors, context } = await openPage<PathsPageResult>(`/paths-page.html?options=${encodeURIComponent(JSON.stringify(options))}`, 20_000);
    if ('error' in result) throw new Error(`the page failed: ${result.error}${context()}`);
    return { outcome: result, wasmFetched: server.requests.slice(first).filter((p) => p.endsWith('.wasm')), consoleErrors };
  }

  it('setupWasm({ wasmPaths }) loads hashed .wasm names; a map naming a missing file fails with its URL and 404', async (ctx) => {
    skipWithoutChromium(ctx);
    const started = Date.now();
    const hashed = (name: string) => `/assets/${name.replace(/\.wasm$/, `.${ASSET_HASH}.wasm`)}`;
    const ok = await setupInPage({ wasmPaths: Object.fromEntries(WASM_FILE_NAMES.map((n) => [n, hashed(n)])) });
    if (!ok.outcome.ok) throw new Error(`setupWasm with hashed names failed: ${ok.outcome.message}`);
    expect(ok.outcome).toMatchObject({ backend: 'wasm', sum: [11, 22, 33] });
    expect(['simd', 'threaded-simd']).toContain(ok.outcome.build);
    // exactly the hashed binary of the build it reports, nothing from /wasm/
    expect(ok.wasmFetched).toEqual([hashed(ok.outcome.build === 'simd' ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm-threaded-simd.wasm')]);
    expect(ok.consoleErrors).toEqual([]);

    // A partial map: the SIMD entry (missing on the server) wins, the rest would come from baseUrl.
    const { server } = await startHarness();
    const missing = `/assets/tfjs-backend-wasm-simd.0000.wasm`;
    const failed = await setupInPage({ baseUrl: '/wasm/', wasmPaths: { 'tfjs-backend-wasm-simd.wasm': missing }, threads: false });
    if (failed.outcome.ok) throw new Error('setupWasm succeeded with a missing .wasm file');
    const url = new URL(missing, server.url).href;
    expect(failed.outcome).toMatchObject({ name: 'WasmBackendError', code: 'BACKEND', file: url });
    expect(failed.outcome.message).toContain(`could not load tfjs-backend-wasm-simd.wasm from ${url}: 404 Not Found`);
    expect(failed.wasmFetched.every((p) => p === missing)).toBe(true);
    const seconds = (Date.now() - started) / 1000;
    console.info(`[browser.test] wasmPaths: hashed names give ${ok.outcome.build} x${ok.outcome.threads}; missing file: ${failed.outcome.message}; ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(15);
  });
});

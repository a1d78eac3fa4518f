/**
 * Hourglass trains in a real browser on the WASM SIMD backend.
 *
 * esbuild bundles test/browser/page.ts for the browser (this package from
 * src/, @hourglass/core and the variants from their built dist/, as every
 * other test here); a node:http server on 127.0.0.1 serves it with the three
 * .wasm files of the installed @tensorflow/tfjs-backend-wasm, cross-origin
 * isolated (COOP/COEP) so the threaded build may start; headless Chromium
 * (playwright-core, the system's /usr/bin/chromium, never a downloaded one)
 * runs it: `setupWasm({ baseUrl: '/wasm/' })`, a dense and a convolutional
 * model trained for a few epochs, saved to a memory store and reloaded, and
 * a model trained by the CLI loaded by its URL (`loadModel` over fetch),
 * from chosen files (File objects, as an `<input type="file">` gives them),
 * from IndexedDB after a save there, and as its `hourglass export` tfjs
 * LayersModel with stock tfjs-layers, each within 1e-5 of Node's outputs.
 *
 * No Chromium: the browser test is skipped (with the reason), unless
 * HOURGLASS_REQUIRE_BROWSER=1, when it fails. HOURGLASS_CHROMIUM overrides
 * the executable's path. Debian: `apt-get install -y chromium`.
 */
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinModules, createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import type { PageResult } from './browser/page.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const require = createRequire(import.meta.url);
const wasmDist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

const chromiumPath = process.env.HOURGLASS_CHROMIUM || '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const requireBrowser = process.env.HOURGLASS_REQUIRE_BROWSER === '1';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** How long the page may take to train both models. */
const PAGE_TIMEOUT_MS = 40_000;

const BUILTINS = new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])));

/**
 * A Node builtin reached through a dynamic `import()` that no `browser` field
 * maps away stays external: an `import()` expression in the page that only a
 * Node code path would evaluate. Today these are @hourglass/core's
 * `directoryStore` (`fs/promises`, `path`; core has no `browser` field) and
 * this package's src/ (`node:os`, `node:fs`, ...; its built dist/ drops the
 * `node:` prefix and its `browser` field maps the bare names to empty
 * modules). Everything else resolves as usual, so a static import or a
 * `require()` of an unmapped builtin still fails the build.
 */
const lazyNodeBuiltins: esbuild.Plugin = {
  name: 'lazy-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || !BUILTINS.has(args.path) || args.pluginData === 'inner') return undefined;
      const normal = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'inner' });
      // A package's `browser` field may map the builtin away (esbuild then
      // gives back a bare, non-file path): keep it out of the bundle as well.
      return normal.errors.length === 0 && isAbsolute(normal.path) ? normal : { path: args.path, external: true };
    });
  },
};

interface Bundle {
  js: Uint8Array;
  /** Externals the bundle reaches, with how (`import-statement`, `dynamic-import`, ...). */
  externals: Array<{ path: string; kind: string }>;
  warnings: string[];
  ms: number;
}

let pageBundle: Promise<Bundle> | undefined;
/** The page, bundled once per run. */
const bundlePage = () => (pageBundle ??= buildPage());

/** Bundles the page: @hourglass/backend-wasm from this package's src/, the rest as installed. */
async function buildPage(): Promise<Bundle> {
  const start = Date.now();
  const result = await esbuild.build({
    entryPoints: [join(here, 'browser', 'page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    outfile: 'page.js',
    metafile: true,
    logLevel: 'silent',
    alias: { '@hourglass/backend-wasm': join(packageDir, 'src', 'index.ts') },
    plugins: [lazyNodeBuiltins],
  });
  const out = Object.values(result.metafile.outputs)[0];
  return {
    js: result.outputFiles[0].contents,
    externals: out.imports.filter((i) => i.external).map(({ path, kind }) => ({ path, kind })),
    warnings: result.warnings.map((w) => `${w.text} (${w.location?.file}:${w.location?.line})`),
    ms: Date.now() - start,
  };
}

const INDEX_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Hourglass on wasm</title></head>
<body><script type="module" src="/page.js"></script></body></html>
`;

interface StaticServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

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

/** Serves index.html, page.js, /wasm/*.wasm and the files of `servedDir` under /served/ on 127.0.0.1 (a random port), cross-origin isolated. */
async function serve(pageJs: Uint8Array, servedDir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    };
    let body: Uint8Array | string | undefined;
    let type = 'text/plain';
    if (path === '/' || path === '/index.html') [body, type] = [INDEX_HTML, 'text/html; charset=utf-8'];
    else if (path === '/page.js') [body, type] = [pageJs, 'text/javascript; charset=utf-8'];
    else if (path.startsWith('/wasm/') && WASM_FILES.includes(path.slice('/wasm/'.length))) {
      body = await readFile(join(wasmDist, path.slice('/wasm/'.length)));
      type = 'application/wasm';
    } else if (/^\/served(\/[\w-][\w.-]*){1,2}$/.test(path)) {
      body = await readFile(join(servedDir, path.slice('/served/'.length))).catch(() => undefined);
      type = path.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    }
    if (body === undefined) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

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
    if (!haveChromium) {
      const reason = `no Chromium at ${chromiumPath} (Debian: apt-get install -y chromium; or set HOURGLASS_CHROMIUM)`;
      if (requireBrowser) throw new Error(`HOURGLASS_REQUIRE_BROWSER=1 but ${reason}`);
      console.warn(`[browser.test] skipped: ${reason}`);
      ctx.skip(reason);
    }
    const started = Date.now();
    const { chromium } = await import('playwright-core');
    const bundle = await bundlePage();
    const servedDir = await mkdtemp(join(tmpdir(), 'hourglass-served-'));
    cleanups.push(() => rm(servedDir, { recursive: true, force: true }));
    await saveServedModel(servedDir);
    const server = await serve(bundle.js, servedDir);
    cleanups.push(server.close);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());

    const page = await browser.newPage();
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    const workers: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('worker', (worker) => {
      workers.push(worker.url());
      worker.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`[worker] ${message.text()}`);
      });
    });
    const context = () => `\npage errors: ${JSON.stringify(pageErrors)}\nconsole errors: ${JSON.stringify(consoleErrors)}\nrequests: ${server.requests.join(' ')}`;
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: PAGE_TIMEOUT_MS, polling: 100 });
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}${context()}`);
    }
    const outcome = await page.evaluate(() => window.__result);
    if (outcome === undefined || 'error' in outcome) throw new Error(`the page failed: ${outcome?.error}${context()}`);
    const result: PageResult = outcome;
    const seconds = (Date.now() - started) / 1000;

    const wasmFetched = server.requests.filter((p) => p.startsWith('/wasm/'));
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
});

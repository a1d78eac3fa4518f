/**
 * What the browser tests share: esbuild bundles of the pages under
 * test/browser/ (this package from src/, the rest as installed), one
 * node:http server on 127.0.0.1 serving them cross-origin isolated (COOP/COEP,
 * so the threaded build may start) with the .wasm files of the installed
 * @tensorflow/tfjs-backend-wasm under their own names (/wasm/) and under
 * bundler-style hashed names (/assets/), one headless Chromium
 * (playwright-core, the system's /usr/bin/chromium, never a downloaded one),
 * and `openPage`, which loads a page and waits for its `window.__result`.
 *
 * No Chromium: `skipWithoutChromium` skips (with the reason), unless
 * HOURGLASS_REQUIRE_BROWSER=1, when it fails. HOURGLASS_CHROMIUM overrides
 * the executable's path. Debian: `apt-get install -y chromium`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinModules, createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { WASM_FILE_NAMES } from '../../src/wasm-paths.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..', '..');
const require = createRequire(import.meta.url);
const wasmDist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const WASM_FILES = WASM_FILE_NAMES;
/** The hash in the /assets/ names: `tfjs-backend-wasm-simd.wasm` is also served as `/assets/tfjs-backend-wasm-simd.3f9a.wasm`. */
export const ASSET_HASH = '3f9a';
/** A page under test/browser/ (its file name without `.ts`). */
export type PageName = 'page' | 'paths-page';
const PAGES: readonly PageName[] = ['page', 'paths-page'];

export const chromiumPath = process.env.HOURGLASS_CHROMIUM || '/usr/bin/chromium';
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

/** Skips the test (failing instead under HOURGLASS_REQUIRE_BROWSER=1) when there is no Chromium. */
export function skipWithoutChromium(ctx: { skip(note?: string): void }): void {
  if (haveChromium) return;
  const reason = `no Chromium at ${chromiumPath} (Debian: apt-get install -y chromium; or set HOURGLASS_CHROMIUM)`;
  if (requireBrowser) throw new Error(`HOURGLASS_REQUIRE_BROWSER=1 but ${reason}`);
  console.warn(`[browser.test] skipped: ${reason}`);
  ctx.skip(reason);
}

export const BUILTINS = new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])));

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

export interface Bundle {
  js: Uint8Array;
  /** Externals the bundle reaches, with how (`import-statement`, `dynamic-import`, ...). */
  externals: Array<{ path: string; kind: string }>;
  warnings: string[];
  ms: number;
}

const bundles = new Map<PageName, Promise<Bundle>>();

/** A page, bundled once per run: @hourglass/backend-wasm from this package's src/, the rest as installed. */
export function bundlePage(name: PageName = 'page'): Promise<Bundle> {
  let bundle = bundles.get(name);
  if (bundle === undefined) bundles.set(name, (bundle = buildPage(name)));
  return bundle;
}

async function buildPage(name: PageName): Promise<Bundle> {
  const start = Date.now();
  const result = await esbuild.build({
    entryPoints: [join(here, `${name}.ts`)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    outfile: `${name}.js`,
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

const html = (name: PageName) => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Hourglass on wasm</title></head>
<body><script type="module" src="/${name}.js"></script></body></html>
`;

export interface StaticServer {
  url: string;
  /** Folder served under /served/ (empty until a test writes to it). */
  servedDir: string;
  /** Paths requested, in order. */
  requests: string[];
}

/**
 * Serves `/` (page), `/NAME.html` and `/NAME.js` for each page, the .wasm
 * files under /wasm/ and hashed under /assets/, and `servedDir` under
 * /served/, on 127.0.0.1 (a random port), cross-origin isolated.
 */
async function serve(): Promise<StaticServer & { close(): Promise<void> }> {
  const servedDir = await mkdtemp(join(tmpdir(), 'hourglass-served-'));
  const requests: string[] = [];
  const hashed = new Map(WASM_FILES.map((f) => [f.replace(/\.wasm$/, `.${ASSET_HASH}.wasm`), f]));
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    };
    const page = PAGES.find((name) => path === `/${name}.js` || path === `/${name}.html`) ?? (path === '/' || path === '/index.html' ? 'page' : undefined);
    const wasmFile = path.startsWith('/wasm/') ? WASM_FILES.find((f) => path === `/wasm/${f}`) : hashed.get(path.slice('/assets/'.length));
    let body: Uint8Array | string | undefined;
    let type = 'text/plain';
    if (page !== undefined && path.endsWith('.js')) [body, type] = [(await bundlePage(page)).js, 'text/javascript; charset=utf-8'];
    else if (page !== undefined) [body, type] = [html(page), 'text/html; charset=utf-8'];
    else if (wasmFile !== undefined && (path.startsWith('/wasm/') || path.startsWith('/assets/'))) {
      body = await readFile(join(wasmDist, wasmFile));
      type = 'application/wasm';
    } else if (/^\/served(\/[\w-][\w.-]*){1,2}$/.test(path)) {
      body = await readFile(join(servedDir, path.slice('/served/'.length))).catch(() => undefined);
      type = path.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    }
    if (body === undefined) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type }).end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    servedDir,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => rm(servedDir, { recursive: true, force: true })),
  };
}

interface Harness {
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

let harness: Promise<Harness> | undefined;

/** The server and Chromium, started once per file; `closeHarness()` (afterAll) stops both. */
export function startHarness(): Promise<Harness> {
  return (harness ??= (async () => {
    const { chromium } = await import('playwright-core');
    const server = await serve();
    const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS }).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    return {
      server,
      browser,
      close: async () => {
        await browser.close();
        await server.close();
      },
    };
  })());
}

/** Stops what `startHarness()` started, if anything. */
export async function closeHarness(): Promise<void> {
  const started = harness;
  harness = undefined;
  if (started) await (await started).close();
}

export interface OpenedPage<T> {
  /** The page's `window.__result`. */
  result: T | { error: string };
  pageErrors: string[];
  consoleErrors: string[];
  /** URLs of the workers the page started. */
  workers: string[];
  /** Errors, console errors and requests so far, for a failure message. */
  context(): string;
}

/** Opens `path` in a new tab and waits (up to `timeoutMs`) for the page's `window.__result`. */
export async function openPage<T>(path: string, timeoutMs: number): Promise<OpenedPage<T>> {
  const { browser, server } = await startHarness();
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
  const read = () => (window as unknown as { __result?: unknown }).__result;
  try {
    await page.goto(new URL(path, server.url).href);
    await page.waitForFunction(read, null, { timeout: timeoutMs, polling: 100 });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}${context()}`);
  }
  const result = (await page.evaluate(read)) as T | { error: string };
  return { result, pageErrors, consoleErrors, workers, context };
}

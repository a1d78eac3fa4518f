/**
 * What the browser tests share: esbuild bundles of the pages under
 * test/browser/ (this package from src/, the rest as installed), one
 * node:http server on 127.0.0.1 serving them cross-origin isolated (COOP/COEP,
 * so the threaded build may start) with the .wasm files of the installed
 * @tensorflow/tfjs-backend-wasm under their own names (/wasm/) and under
 * bundler-style hashed names (/assets/), one headless Chromium
 * (playwright-core, the system's /usr/bin/chromium, never a downloaded one),
 * and `openPage`, which loads a page and waits for its `window.__result`.
 * The bundling, serving and Chromium parts are tools/bench/browser.mjs,
 * which the page benchmark uses too.
 *
 * No Chromium: `skipWithoutChromium` skips (with the reason), unless
 * HOURGLASS_REQUIRE_BROWSER=1, when it fails. HOURGLASS_CHROMIUM overrides
 * the executable's path. Debian: `apt-get install -y chromium`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { WASM_FILE_NAMES } from '../../src/wasm-paths.js';
import {
  bundleBrowserPage,
  chromiumPath,
  haveChromium,
  launchChromium,
  openPage as openInBrowser,
  pageHtml,
  serveStatic,
  wasmDist,
  type Bundle,
  type OpenedPage,
} from '../../../../tools/bench/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..', '..');
export { BUILTINS, chromiumPath } from '../../../../tools/bench/browser.mjs';
export type { Bundle, OpenedPage } from '../../../../tools/bench/browser.mjs';
/** The hash in the /assets/ names: `tfjs-backend-wasm-simd.wasm` is also served as `/assets/tfjs-backend-wasm-simd.3f9a.wasm`. */
export const ASSET_HASH = '3f9a';
/** A page under test/browser/ (its file name without `.ts`). */
export type PageName = 'page' | 'paths-page';
const PAGES: readonly PageName[] = ['page', 'paths-page'];

const requireBrowser = process.env.HOURGLASS_REQUIRE_BROWSER === '1';

/** Skips the test (failing instead under HOURGLASS_REQUIRE_BROWSER=1) when there is no Chromium. */
export function skipWithoutChromium(ctx: { skip(note?: string): void }): void {
  if (haveChromium) return;
  const reason = `no Chromium at ${chromiumPath} (Debian: apt-get install -y chromium; or set HOURGLASS_CHROMIUM)`;
  if (requireBrowser) throw new Error(`HOURGLASS_REQUIRE_BROWSER=1 but ${reason}`);
  console.warn(`[browser.test] skipped: ${reason}`);
  ctx.skip(reason);
}

const bundles = new Map<PageName, Promise<Bundle>>();

/** A page, bundled once per run: @hourglass/backend-wasm from this package's src/, the rest as installed. */
export function bundlePage(name: PageName = 'page'): Promise<Bundle> {
  let bundle = bundles.get(name);
  if (bundle === undefined)
    bundles.set(name, (bundle = bundleBrowserPage(join(here, `${name}.ts`), { '@hourglass/backend-wasm': join(packageDir, 'src', 'index.ts') })));
  return bundle;
}

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
  const hashed = new Map(WASM_FILE_NAMES.map((f) => [f.replace(/\.wasm$/, `.${ASSET_HASH}.wasm`), f]));
  const server = await serveStatic(async (path) => {
    const page = PAGES.find((name) => path === `/${name}.js` || path === `/${name}.html`) ?? (path === '/' || path === '/index.html' ? 'page' : undefined);
    const wasmFile = path.startsWith('/assets/') ? hashed.get(path.slice('/assets/'.length)) : undefined;
    if (page !== undefined && path.endsWith('.js')) return { body: (await bundlePage(page)).js, type: 'text/javascript; charset=utf-8' };
    if (page !== undefined) return { body: pageHtml(`/${page}.js`), type: 'text/html; charset=utf-8' };
    if (wasmFile !== undefined) return { body: await readFile(join(wasmDist, wasmFile)), type: 'application/wasm' };
    if (!/^\/served(\/[\w-][\w.-]*){1,2}$/.test(path)) return undefined;
    const body = await readFile(join(servedDir, path.slice('/served/'.length))).catch(() => undefined);
    return body && { body, type: path.endsWith('.json') ? 'application/json' : 'application/octet-stream' };
  });
  return {
    url: server.url,
    servedDir,
    requests: server.requests,
    close: () => server.close().then(() => rm(servedDir, { recursive: true, force: true })),
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
    const server = await serve();
    const browser = await launchChromium().catch(async (error: unknown) => {
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

/** Opens `path` in a new tab and waits (up to `timeoutMs`) for the page's `window.__result`. */
export async function openPage<T>(path: string, timeoutMs: number): Promise<OpenedPage<T>> {
  const { browser, server } = await startHarness();
  return openInBrowser<T>(browser, new URL(path, server.url).href, timeoutMs, server.requests);
}

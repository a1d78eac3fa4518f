/**
 * Running a page in headless Chromium, shared by the browser tests of
 * @hourglass/backend-wasm (test/browser/harness.ts) and the page benchmark
 * (browser-speed.mjs): an esbuild bundle of a page for the browser, a
 * node:http server on 127.0.0.1 (cross-origin isolated by COOP/COEP unless
 * asked not to, so tfjs' threaded wasm build may start), the .wasm files of
 * the installed @tensorflow/tfjs-backend-wasm, the system's Chromium
 * (playwright-core, never a downloaded browser) and `openPage`, which loads
 * a page and waits for its `window.__result`.
 *
 * HOURGLASS_CHROMIUM overrides the executable's path (default
 * /usr/bin/chromium; Debian: `apt-get install -y chromium`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { builtinModules, createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);

/** The folder holding the installed tfjs wasm binaries (`tfjs-backend-wasm*.wasm`). */
export const wasmDist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

/** The Chromium executable: HOURGLASS_CHROMIUM, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.HOURGLASS_CHROMIUM || '/usr/bin/chromium';
/** Whether that executable exists. */
export const haveChromium = existsSync(chromiumPath);

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

/**
 * Starts headless Chromium (the system's) through playwright-core.
 *
 * @example
 * const browser = await launchChromium();
 * await browser.close();
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

/** Node's builtin module names, bare and with `node:`. */
export const BUILTINS = new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])));

/**
 * A Node builtin reached through a dynamic `import()` that no `browser` field
 * maps away stays external: an `import()` expression in the page that only a
 * Node code path would evaluate. Today these are @hourglass/core's
 * `directoryStore` (`fs/promises`, `path`; core has no `browser` field) and
 * @hourglass/backend-wasm's src/ (`node:os`, `node:fs`, ...; its built dist/
 * drops the `node:` prefix and its `browser` field maps the bare names to
 * empty modules). Everything else resolves as usual, so a static import or a
 * `require()` of an unmapped builtin still fails the build.
 */
const lazyNodeBuiltins = {
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

/**
 * Bundles the page `entry` (a .ts or .js file) for the browser as one ES
 * module; `alias` maps package names to files (e.g. a package's src/).
 * Returns the code, the externals it reaches (with how: `import-statement`,
 * `dynamic-import`, ...), esbuild's warnings and the time taken.
 *
 * @example
 * const { js } = await bundleBrowserPage('tools/bench/browser-speed-page.mjs');
 */
export async function bundleBrowserPage(entry, alias = {}) {
  const start = Date.now();
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    outfile: 'page.js',
    metafile: true,
    logLevel: 'silent',
    alias,
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

/** An HTML page that runs the module script `src`. */
export const pageHtml = (src, title = 'Hourglass on wasm') => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head>
<body><script type="module" src="${src}"></script></body></html>
`;

/**
 * Serves on 127.0.0.1 (a random port) what `route(path)` answers
 * (`{ body, type }`, or undefined for a 404; it may be async), plus the
 * installed tfjs .wasm files under /wasm/ when `route` does not answer;
 * every response carries COOP/COEP (cross-origin isolated) unless
 * `isolated` is false. `requests` lists the paths asked for, in order.
 *
 * @example
 * const server = await serveStatic((path) => (path === '/' ? { body: pageHtml('/page.js'), type: 'text/html' } : undefined));
 * console.log(server.url); // http://127.0.0.1:PORT/
 * await server.close();
 */
export async function serveStatic(route, { isolated = true } = {}) {
  const requests = [];
  const headers = isolated
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' }
    : { 'Cache-Control': 'no-store' };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    let answer = await route(path);
    if (answer === undefined && /^\/wasm\/tfjs-backend-wasm[\w-]*\.wasm$/.test(path)) {
      const body = await readFile(join(wasmDist, path.slice('/wasm/'.length))).catch(() => undefined);
      if (body !== undefined) answer = { body, type: 'application/wasm' };
    }
    if (answer === undefined) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': answer.type }).end(req.method === 'HEAD' ? undefined : answer.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Opens `url` in a new tab of `browser` and waits (up to `timeoutMs`) for
 * the page's `window.__result`; returns it with the page's errors, console
 * errors and the URLs of the workers it started. On a timeout the error
 * lists those and `requests` (the server's). The tab stays open
 * (`page` is returned) until the browser closes.
 *
 * @example
 * const { result } = await openPage(browser, server.url, 60_000);
 */
export async function openPage(browser, url, timeoutMs, requests = []) {
  const page = await browser.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  const workers = [];
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
  const context = () => `\npage errors: ${JSON.stringify(pageErrors)}\nconsole errors: ${JSON.stringify(consoleErrors)}\nrequests: ${requests.join(' ')}`;
  const read = () => window.__result;
  try {
    await page.goto(url);
    await page.waitForFunction(read, null, { timeout: timeoutMs, polling: 100 });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}${context()}`);
  }
  const result = await page.evaluate(read);
  return { page, result, pageErrors, consoleErrors, workers, context };
}

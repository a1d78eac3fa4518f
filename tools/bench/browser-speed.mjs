/**
 * Training speed in the page: samples/s of reference model A of
 * `hourglass bench` (dense 784-128-64-32-64-128-784, batch 256, Adam 1e-3,
 * BCE, seed 0, on the 8,000 MNIST training digits of its split) in headless
 * Chromium on the wasm backend, once in a cross-origin isolated page
 * (COOP/COEP: tfjs' threaded SIMD build) and once in a page without those
 * headers (plain SIMD), beside `hourglass bench --model A --json` in Node on
 * wasm and on native tfjs-node, all in one run. Each figure is the median
 * samples/s of the timed epochs after one warm-up epoch; the run is
 * repeated BENCH_REPEATS times (default 5) and the table gives the median
 * of the repeats with their min-max, and the ratio to Node on wasm. The
 * page gets the same digits as `hourglass bench` (read and split here,
 * served as float32) and must build a model with as many parameters.
 *
 * tfjs caps XNNPACK's threads at navigator.hardwareConcurrency / 2, so on
 * 2 cores the threaded build runs one thread: the "threads" column is what
 * `setupWasm()` reported (build, threads, reason).
 *
 * Env: BENCH_REPEATS (default 5), BENCH_EPOCHS (timed epochs, default 3),
 * HOURGLASS_CHROMIUM (default /usr/bin/chromium). `--quick`: one repeat of
 * one timed epoch (a smoke run; the figures mean little).
 *
 * Measured 2026-12-04 on 2 quiet cores (load average 1.9 before the run),
 * Chromium 156, Node 20, tfjs 4.22; median of 5 repeats (min-max),
 * samples/s, and the ratio to Node on wasm:
 *   page, cross-origin isolated  16,824 (16,076-17,508)  0.89  threaded-simd, 1 thread (2 cores / 2)
 *   page, not isolated           16,761 (16,132-17,695)  0.88  simd, 1 thread
 *   Node, wasm                   19,008 (18,824-19,300)  1.00  threaded-simd, 2 threads
 *   Node, native (tfjs-node)     33,239 (27,120-37,469)  1.75
 * The page trains at 0.88-0.89x of Node's wasm: tfjs gives a page half the
 * cores for XNNPACK (1 thread here) where Node runs 2. On 2 cores the
 * page's threaded build is no faster than the plain one. Earlier, on 2
 * cores shared with other work (load average 4-5): page 14,575 / 14,862,
 * Node wasm 12,096 (6,362-20,172), native 25,357.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readData, splitDataset } from '@hourglass/data';
import { exec } from './exec.mjs';
import { threadsLabel } from './threads-label.mjs';
import { bundleBrowserPage, chromiumPath, haveChromium, launchChromium, openPage, pageHtml, serveStatic } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const cli = join(root, 'packages/cli/bin/hourglass.cjs');
const quick = process.argv.includes('--quick');
const repeats = Number(process.env.BENCH_REPEATS ?? (quick ? 1 : 5));
const epochs = Number(process.env.BENCH_EPOCHS ?? (quick ? 1 : 3));
const warmup = 1;
const seed = 0;
/** Model A of packages/cli/src/commands/bench.ts (the page checks its parameter count against Node's). */
const MODEL_A = [{ name: 'undercomplete', config: { hidden: [128, 64], latent: 32 } }];
/** `hourglass bench`'s split: 2,000 test digits cut by seed 12345 (packages/cli/src/data.ts). */
const SPLIT = { test: 2000, seed: 12345 };
const PAGE_TIMEOUT_MS = 600_000;

if (!haveChromium) {
  console.error(`browser-speed: no Chromium at ${chromiumPath} (Debian: apt-get install -y chromium; or set HOURGLASS_CHROMIUM)`);
  process.exit(1);
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function nodeBench(backend) {
  const out = await exec(process.execPath, [cli, 'bench', '--model', 'A', '--backend', backend, '--epochs', String(epochs), '--warmup', String(warmup), '--seed', String(seed), '--json']);
  const r = JSON.parse(out.trim().split('\n').pop());
  return { samplesPerSec: r.samplesPerSec.median, parameters: r.parameters, backend: r.backend, details: r.backendDetails };
}

const digits = splitDataset(readData('mnist'), SPLIT).train;
const mnist = new Uint8Array(digits.x.buffer, digits.x.byteOffset, digits.x.byteLength);
const bundle = await bundleBrowserPage(join(here, 'browser-speed-page.mjs'));
const route = (path) => {
  if (path === '/' || path === '/index.html') return { body: pageHtml('/page.js', 'Hourglass page speed'), type: 'text/html; charset=utf-8' };
  if (path === '/page.js') return { body: bundle.js, type: 'text/javascript; charset=utf-8' };
  if (path === '/mnist-train.f32') return { body: mnist, type: 'application/octet-stream' };
  return undefined;
};
const servers = { threaded: await serveStatic(route, { isolated: true }), plain: await serveStatic(route, { isolated: false }) };
const browser = await launchChromium();
const query = `?epochs=${epochs}&warmup=${warmup}&seed=${seed}&variants=${encodeURIComponent(JSON.stringify(MODEL_A))}`;

async function pageBench(kind) {
  const { page, result, context } = await openPage(browser, servers[kind].url + query, PAGE_TIMEOUT_MS, servers[kind].requests);
  await page.close();
  if ('error' in result) throw new Error(`page (${kind}): ${result.error}${context()}`);
  return { ...result, samplesPerSec: median(result.samplesPerSec) };
}

const KINDS = ['pageThreaded', 'pagePlain', 'nodeWasm', 'nodeNative'];
const rows = Object.fromEntries(KINDS.map((k) => [k, []]));
const setups = {};
let parameters;
try {
  for (let i = 0; i < repeats; i++) {
    // Each repeat starts with the next kind, so none always runs first (the machine may be busier then).
    const kinds = [...KINDS.slice(i % KINDS.length), ...KINDS.slice(0, i % KINDS.length)];
    const runs = {};
    for (const k of kinds) runs[k] = await (k.startsWith('page') ? pageBench(k === 'pageThreaded' ? 'threaded' : 'plain') : nodeBench(k === 'nodeWasm' ? 'wasm' : 'node'));
    parameters ??= runs.nodeWasm.parameters;
    for (const [key, r] of Object.entries(runs)) {
      if (r.parameters !== parameters) throw new Error(`${key}: model has ${r.parameters} parameters, hourglass bench's model A ${parameters}`);
      rows[key].push(r.samplesPerSec);
      setups[key] ??= key.startsWith('page')
        ? { build: r.build, threads: r.threads, simd: r.simd, crossOriginIsolated: r.crossOriginIsolated, hardwareConcurrency: r.hardwareConcurrency, ...(r.reason ? { reason: r.reason } : {}) }
        : { backend: r.backend, ...r.details };
    }
    process.stderr.write(`repeat ${i + 1}/${repeats}: ${Object.entries(rows).map(([k, v]) => `${k} ${Math.round(v.at(-1))}`).join(', ')}\n`);
  }
} finally {
  await browser.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
}

const LABELS = {
  pageThreaded: 'page, cross-origin isolated',
  pagePlain: 'page, not isolated',
  nodeWasm: 'Node, wasm',
  nodeNative: 'Node, native (tfjs-node)',
};
const summary = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, { median: Math.round(median(v)), min: Math.round(Math.min(...v)), max: Math.round(Math.max(...v)) }]));
const setupText = (k) => {
  const s = setups[k];
  if (k.startsWith('page')) return `${s.build}, ${threadsLabel(s.threads)}${s.reason ? ` (${s.reason})` : ''}`;
  return [s.backend, s.build, s.threads === undefined ? undefined : threadsLabel(s.threads)].filter(Boolean).join(', ');
};
console.log(`browser-speed: model A (dense 784-128-64-32, ${parameters} parameters), batch 256, ${digits.n} MNIST digits, ${warmup} warm-up + ${epochs} timed epoch${epochs === 1 ? '' : 's'}, ${repeats} repeat${repeats === 1 ? '' : 's'}${quick ? ' (--quick: the figures mean little)' : ''}`);
console.log(`${'where'.padEnd(30)}${'samples/s'.padStart(10)}  ${'min-max'.padEnd(13)}${'/ Node wasm'.padStart(11)}  setup`);
for (const [k, s] of Object.entries(summary))
  console.log(`${LABELS[k].padEnd(30)}${String(s.median).padStart(10)}  ${`${s.min}-${s.max}`.padEnd(13)}${(s.median / summary.nodeWasm.median).toFixed(2).padStart(11)}  ${setupText(k)}`);
console.log(JSON.stringify({ bench: 'browser-speed', model: 'A', parameters, samples: digits.n, epochs, warmup, repeats, samplesPerSec: summary, runs: rows, setups }));

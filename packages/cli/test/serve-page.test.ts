/**
 * `hourglass serve` end to end in headless Chromium (Debian's chromium,
 * driven by playwright-core): the page loads a model trained here on the
 * WebAssembly backend, its reconstructions of the served samples match
 * Node's `reconstruct` (cpu backend) within 1e-4, a click on the code space
 * decodes that point as Node's `decode` does, a VAE's generation and
 * anomaly views agree with Node, the page trains on a dropped CSV and
 * downloads a model `hourglass encode` takes, and a model whose weights are
 * damaged gives a clear message instead of a page. `--export` writes the
 * same site as files.
 *
 * No Chromium: skipped with the reason, unless HOURGLASS_REQUIRE_BROWSER=1
 * (CI), when it fails. HOURGLASS_CHROMIUM overrides the executable's path.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, tf } from '@hourglass/core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../src/commands/serve.js';
import type { SiteServer } from '../src/serve/server.js';
import { hourglass, tempDir } from './in-process.js';

const chromiumPath = process.env.HOURGLASS_CHROMIUM || '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const requireBrowser = process.env.HOURGLASS_REQUIRE_BROWSER === '1';
if (!haveChromium && requireBrowser) throw new Error(`HOURGLASS_REQUIRE_BROWSER=1 but there is no Chromium at ${chromiumPath}`);
const pageBuilt = existsSync(join(__dirname, '..', 'dist', 'page', 'page.js'));
if (!pageBuilt && requireBrowser) throw new Error('the page is not built (npm run build in packages/cli)');

const dir = tempDir();
const model = join(dir, 'run', 'model');
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

beforeAll(async () => {
  const r = await hourglass('train', '--data', 'mnist', '--latent', '2', '--hidden', '32', '--set', 'undercomplete.codeActivation=linear', '--epochs', '1', '--limit', '400', '--backend', 'cpu', '--out', join(dir, 'run'), '--quiet');
  expect(r.code, r.stderr).toBe(0);
});

/** Starts `hourglass serve` on a free port; resolves with its server. */
function serve(modelDir: string | undefined, data?: string): Promise<SiteServer> {
  return new Promise((resolve, reject) => {
    serveCommand({ model: modelDir, data, samples: 120, host: '127.0.0.1', port: 0, json: true, onListening: resolve }).catch(reject);
  }).then((server) => {
    closers.push(() => (server as SiteServer).close());
    return server as SiteServer;
  });
}

async function openPage(url: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  closers.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.__hourglass !== undefined && window.__hourglass.status !== 'loading', null, { timeout: 60_000 });
  return { page, errors };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
};

const skipReason = !haveChromium ? `no Chromium at ${chromiumPath} (Debian: apt-get install -y chromium; or set HOURGLASS_CHROMIUM)` : !pageBuilt ? 'the page is not built (npm run build in packages/cli)' : undefined;
if (skipReason) console.warn(`[serve-page.test] the browser tests are skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('hourglass serve in headless Chromium', () => {
  it('shows the model on wasm: reconstructions and decoded points as Node computes them', async () => {
    const server = await serve(model);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { page, errors } = await openPage(server.url);
    const state = await page.evaluate(() => window.__hourglass);
    expect(errors).toEqual([]);
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('ready');
    expect(state.backend).toMatchObject({ name: 'wasm', simd: true });
    expect(['simd', 'threaded-simd']).toContain(state.backend!.build);
    expect(state.model).toMatchObject({ variants: ['undercomplete'], inputShape: [28, 28, 1], codeShape: [2], loss: 'bce' });
    expect(state.samples).toEqual({ name: 'mnist', n: 120 });
    expect(await page.locator('.pair canvas').count()).toBe(48);

    // Node's outputs for the samples the server handed out
    const x = new Float32Array(new Uint8Array(await (await fetch(`${server.url}samples.bin`)).arrayBuffer()).buffer);
    const node = await loadModel(model);
    const probe = tf.tensor(x.subarray(0, 24 * 784), [24, 28, 28, 1]);
    const want = node.reconstruct(probe);
    const expected = (await want.data()) as Float32Array;
    const rows = state.reconstructions!.values;
    expect(rows.length).toBe(24);
    expect(maxDiff(rows.flat(), expected)).toBeLessThan(1e-4);

    // a click on the code space decodes that point
    const box = (await page.locator('canvas.scatter').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.35, box.y + box.height * 0.6);
    await page.waitForFunction(() => window.__hourglass.decoded !== undefined);
    const decoded = (await page.evaluate(() => window.__hourglass.decoded))!;
    expect(decoded.code.length).toBe(2);
    const z = tf.tensor([decoded.code], [1, 2]);
    const out = node.decode(z);
    expect(maxDiff(decoded.values, (await out.data()) as Float32Array)).toBeLessThan(1e-4);
    tf.dispose([probe, want, z, out]);
    node.dispose();
    expect(server.requests).toEqual(expect.arrayContaining(['/', '/page.js', '/model/model.json', '/samples.json', '/samples.bin']));

    // the draw pad: a test sample on it is reconstructed as above; a hole is filled, the rest kept
    await page.locator('button', { hasText: 'Start from a test sample' }).click();
    await page.waitForFunction(() => window.__hourglass.padSample === 0 && window.__hourglass.pad !== undefined && window.__hourglass.pad.holes === 0);
    await page.waitForTimeout(200);
    const pad = (await page.evaluate(() => window.__hourglass.pad))!;
    expect(maxDiff(pad.values, rows[0])).toBeLessThan(1e-5);
    await page.locator('select').first().selectOption('hole');
    const padBox = (await page.locator('canvas.pad').boundingBox())!;
    await page.mouse.move(padBox.x + padBox.width / 2, padBox.y + padBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(padBox.x + padBox.width / 2 + 20, padBox.y + padBox.height / 2 + 5);
    await page.mouse.up();
    await page.waitForFunction(() => (window.__hourglass.pad?.holes ?? 0) > 0);
    await page.waitForTimeout(300);
    const repaired = (await page.evaluate(() => window.__hourglass.pad))!;
    expect(repaired.holes).toBeGreaterThan(0);
    expect(repaired.values.every(Number.isFinite)).toBe(true);

    // the trainer takes the served samples too
    await page.locator('section.training button', { hasText: 'Use the 120 served samples' }).click();
    await page.locator('section.training label', { hasText: 'epochs' }).locator('input').fill('1');
    await page.locator('section.training button', { hasText: 'Train' }).click();
    await page.waitForFunction(() => ['trained', 'error'].includes(window.__hourglass.training?.status ?? ''), null, { timeout: 60_000 });
    const training = (await page.evaluate(() => window.__hourglass.training))!;
    expect(training.error).toBeUndefined();
    expect(training).toMatchObject({ status: 'trained', rows: 120 });
    expect(training.losses!.length).toBe(1);
  });

  it('a VAE with an anomaly threshold: samples from the prior, the sliders decode, the flagged samples', async () => {
    const vae = join(dir, 'vae');
    const r = await hourglass('train', '--data', 'mnist', '--variant', 'undercomplete,variational', '--set', 'variational.latent=2', '--hidden', '32', '--epochs', '1', '--limit', '400', '--contamination', '0.05', '--backend', 'cpu', '--out', vae, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const server = await serve(join(vae, 'model'));
    const { page, errors } = await openPage(server.url);
    const state = await page.evaluate(() => window.__hourglass);
    expect(errors).toEqual([]);
    expect(state.status, state.error).toBe('ready');
    expect(state.generated).toEqual({ seed: 1, n: 8 });
    expect(state.sliders!.code).toEqual([0, 0]);
    const node = await loadModel(join(vae, 'model'));
    const z = tf.zeros([1, 2]);
    const out = node.decode(z);
    expect(maxDiff(state.sliders!.values, (await out.data()) as Float32Array)).toBeLessThan(1e-4);
    const x = new Float32Array(new Uint8Array(await (await fetch(`${server.url}samples.bin`)).arrayBuffer()).buffer);
    const probe = tf.tensor(x, [120, 28, 28, 1]);
    const s = node.score(probe);
    const scores = (await s.data()) as Float32Array;
    const threshold = (node.metadata.anomaly as { threshold: number }).threshold;
    expect(state.anomaly!.threshold).toBe(threshold);
    expect(Math.abs(state.anomaly!.flagged - scores.filter((v) => v > threshold).length)).toBeLessThanOrEqual(1);
    expect(state.anomaly!.top[0].score).toBeCloseTo(Math.max(...scores), 4);
    expect(await page.locator('.sliders input').count()).toBe(2);
    expect(state.interpolation).toEqual({ from: 0, to: 1, steps: 8 });
    await page.locator('section', { hasText: 'Generation' }).locator('select').nth(1).selectOption('5');
    await page.waitForFunction(() => window.__hourglass.interpolation?.to === 5);
    tf.dispose([z, out, probe, s]);
    node.dispose();
  });

  it('a series model: the test range scored step by step as detect scores it, the spike flagged, the forecast as Node predicts it', async () => {
    const csv = join(dir, 'spiky.csv');
    const rows = ['t,value'];
    for (let i = 0; i < 480; i++) rows.push(`${i},${(20 + 10 * Math.sin((2 * Math.PI * i) / 24) + (i >= 440 && i < 443 ? 25 : 0)).toFixed(4)}`);
    await writeFile(csv, rows.join('\n') + '\n');
    const run = join(dir, 'series-run');
    const r = await hourglass('train', '--data', csv, '--columns', 'value', '--window', '24', '--horizon', '6', '--objective', 'composite', '--hidden', '16', '--latent', '4', '--loss', 'mse', '--epochs', '20', '--lr', '0.01', '--contamination', '0.01', '--backend', 'cpu', '--out', run, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const server = await serve(join(run, 'model'), csv);
    const { page, errors } = await openPage(server.url);
    const state = await page.evaluate(() => window.__hourglass);
    expect(errors).toEqual([]);
    expect(state.status, state.error).toBe('ready');
    const info = JSON.parse(await (await fetch(`${server.url}series.json`)).text());
    // the test range (the last 20% of 480 steps) and the 23 steps before it
    expect(info).toMatchObject({ steps: 96 + 23, features: 1, testFrom: 23 });
    const spike = 440 - (480 - info.steps);
    expect(state.series!.ranges.some(([from, to]) => from <= spike && spike < to)).toBe(true);
    const x = new Float32Array(new Uint8Array(await (await fetch(`${server.url}series.bin`)).arrayBuffer()).buffer);
    const node = await loadModel(join(run, 'model'));
    const last = tf.tensor(x.subarray(x.length - 24), [1, 24, 1]);
    const forecast = node.predict(last);
    expect(maxDiff(state.series!.forecast!, (await forecast.data()) as Float32Array)).toBeLessThan(1e-4);
    tf.dispose([last, forecast]);
    node.dispose();
  });

  it('trains two epochs on a dropped CSV and downloads a model that hourglass encode takes', async () => {
    const csv = join(dir, 'table.csv');
    const lines = ['a,b,c,d,e,f'];
    for (let i = 0; i < 160; i++) lines.push(Array.from({ length: 6 }, (_, j) => (100 * Math.sin(i * 0.21 + j) + 7 * j).toFixed(3)).join(','));
    await writeFile(csv, lines.join('\n') + '\n');
    const server = await serve(undefined);
    const { page, errors } = await openPage(server.url);
    expect((await page.evaluate(() => window.__hourglass)).status).toBe('ready');
    // dropped on the section, as a user drags a file from the desktop
    const text = await readFile(csv, 'utf8');
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'table.csv', { type: 'text/csv' }));
      document.querySelector('section.training')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction(() => window.__hourglass.training?.status === 'ready');
    await page.locator('section.training label', { hasText: 'epochs' }).locator('input').fill('2');
    await page.locator('section.training button', { hasText: 'Train' }).click();
    await page.waitForFunction(() => ['trained', 'error'].includes(window.__hourglass.training?.status ?? ''), null, { timeout: 60_000 });
    const training = (await page.evaluate(() => window.__hourglass.training))!;
    expect(training.error).toBeUndefined();
    expect(training.losses!.length).toBe(2);
    expect(training.losses!.every(Number.isFinite)).toBe(true);
    const saved = join(dir, 'downloaded');
    const downloads: Promise<void>[] = [];
    page.on('download', (d) => downloads.push(d.saveAs(join(saved, d.suggestedFilename()))));
    await page.locator('section.training button', { hasText: 'Download' }).click();
    await page.waitForFunction(() => (window.__hourglass.training?.downloaded?.length ?? 0) === 2);
    await expect.poll(() => downloads.length).toBe(2);
    await Promise.all(downloads);
    expect(errors).toEqual([]);
    const out = join(dir, 'codes.csv');
    const e = await hourglass('encode', '--model', saved, '--data', csv, '--out', out, '--backend', 'cpu');
    expect(e.code, e.stderr).toBe(0);
    const rows = (await readFile(out, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('z0,z1');
    expect(rows.length).toBe(161);

    // a set of images dropped instead: grey samples of the first image's size
    const images = Array.from({ length: 6 }, (_, i) => {
      const png = new PNG({ width: 8, height: 6 });
      for (let p = 0; p < 48; p++) png.data.set([(p * 5 + i * 30) % 256, 0, 0, 255], p * 4);
      return PNG.sync.write(png).toString('base64');
    });
    await page.evaluate((pngs) => {
      const data = new DataTransfer();
      pngs.forEach((b64, i) => data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], `img-${i}.png`, { type: 'image/png' })));
      document.querySelector('section.training')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, images);
    await page.waitForFunction(() => window.__hourglass.training?.status === 'ready' && window.__hourglass.training.rows === 6);
    expect(await page.locator('section.training p.help').nth(1).innerText()).toMatch(/6 images: 6 samples of shape \[6, 8, 1\]/);
    await page.locator('section.training button', { hasText: 'Train' }).click();
    await page.waitForFunction(() => ['trained', 'error'].includes(window.__hourglass.training?.status ?? ''), null, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__hourglass.training)).toMatchObject({ status: 'trained', rows: 6 });
  });

  it('without a model, --data gives the trainer samples of a built-in dataset', async () => {
    const server = await serve(undefined, 'mnist');
    const { page, errors } = await openPage(server.url);
    expect(await page.locator('#status').innerText()).toMatch(/120 samples of mnist to train on/);
    await page.locator('section.training button', { hasText: 'Use the 120 served samples' }).click();
    await page.locator('section.training label', { hasText: 'epochs' }).locator('input').fill('1');
    await page.locator('section.training button', { hasText: 'Train' }).click();
    await page.waitForFunction(() => ['trained', 'error'].includes(window.__hourglass.training?.status ?? ''), null, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__hourglass.training)).toMatchObject({ status: 'trained', rows: 120 });
    expect(errors).toEqual([]);
  });

  it('says what is wrong with a model it cannot load', async () => {
    const broken = join(dir, 'broken');
    await cp(model, broken, { recursive: true });
    const weights = (await readdir(broken)).find((f) => f.endsWith('.bin'))!;
    const bytes = await readFile(join(broken, weights));
    bytes[100] ^= 0xff;
    await writeFile(join(broken, weights), bytes);
    const server = await serve(broken);
    const { page } = await openPage(server.url);
    const state = await page.evaluate(() => window.__hourglass);
    expect(state.status).toBe('error');
    expect(state.error).toMatch(/checksum/);
    expect(await page.locator('section.error').innerText()).toMatch(/This model cannot be shown[\s\S]*checksum/);
  });
});

describe('hourglass serve --export', () => {
  it('writes the page, the wasm binaries, the model and the samples as static files', async () => {
    const out = join(dir, 'site');
    const r = await hourglass('serve', '--model', model, '--samples', '50', '--export', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ exported: out, samples: 50 });
    const files = (await readdir(out, { recursive: true })).map(String).sort();
    const weights = files.filter((f) => /^model\/weights.*\.bin$/.test(f));
    expect(weights.length).toBe(1);
    expect(files).toEqual(
      expect.arrayContaining(['index.html', 'page.js', 'samples.bin', 'samples.json', 'model/model.json', 'wasm/tfjs-backend-wasm-simd.wasm', 'wasm/tfjs-backend-wasm-threaded-simd.wasm', 'wasm/tfjs-backend-wasm.wasm']),
    );
    expect((await readFile(join(out, 'samples.bin'))).byteLength).toBe(50 * 784 * 4);
    expect(JSON.parse(await readFile(join(out, 'samples.json'), 'utf8'))).toMatchObject({ name: 'mnist', n: 50, sampleShape: [28, 28, 1] });
  });
});

/**
 * The files of the page `hourglass serve` shows: the page itself (built
 * into `dist/page/` with the CLI), the three .wasm binaries of the
 * installed @tensorflow/tfjs-backend-wasm, the model's own files (model.json
 * and the weight files its manifest names, plain names only, links refused)
 * and the samples. The server answers from this table and `--export`
 * writes it to a folder, so the two cannot drift apart.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directoryStore, type ModelJson } from '@hourglass/core';
import type { SamplesInfo, SeriesInfo } from './samples.js';

/** The .wasm files tfjs-backend-wasm may fetch. */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

/** One file of the site: its path under the root, its type and how to read it. */
export interface SiteFile {
  path: string;
  type: string;
  read(): Promise<Uint8Array>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The folder of the built page: dist/page beside the built CLI (dist/), or the package's dist/page seen from src/serve/ (tests). */
function pageDir(): string {
  const candidates = [join(here, 'page'), join(here, '..', '..', 'dist', 'page')];
  return candidates.find((d) => existsSync(join(d, 'page.js'))) ?? candidates[0];
}

function wasmDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };
const typeOf = (path: string) => TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
const bytes = (text: string) => async () => new TextEncoder().encode(text);

/**
 * Every file of the site: the page and the .wasm binaries, and, when a
 * model is served, its files and samples (or, without a model, samples to
 * train on); `site.json` tells the page which.
 *
 * @example
 * const files = siteFiles({ dir: 'run/model', json, info, x });
 */
export function siteFiles(
  served?: { dir: string; json: ModelJson; info: SamplesInfo; x: Float32Array; series?: { info: SeriesInfo; x: Float32Array } },
  trainOn?: { info: SamplesInfo; x: Float32Array },
): SiteFile[] {
  const file = (path: string, read: () => Promise<Uint8Array>): SiteFile => ({ path, type: typeOf(path), read });
  const page = [
    file('index.html', () => readFile(join(pageDir(), 'index.html'))),
    file('page.js', () => readFile(join(pageDir(), 'page.js'))),
    ...WASM_FILES.map((name) => file(`wasm/${name}`, () => readFile(join(wasmDir(), name)))),
    file('site.json', bytes(JSON.stringify({ model: served !== undefined, series: served?.series !== undefined, samples: served !== undefined || trainOn !== undefined }))),
  ];
  const raw = (a: Float32Array) => async () => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const samples = (s: { info: SamplesInfo; x: Float32Array }) => [file('samples.json', bytes(JSON.stringify(s.info))), file('samples.bin', raw(s.x))];
  if (!served) return trainOn ? [...page, ...samples(trainOn)] : page;
  const store = directoryStore(served.dir);
  const modelFiles = ['model.json', ...served.json.weightsManifest.flatMap((g) => g.paths)];
  const { series } = served;
  return [
    ...page,
    ...modelFiles.map((name) => file(`model/${name}`, () => store.read(name))),
    ...samples(served),
    ...(series ? [file('series.json', bytes(JSON.stringify(series.info))), file('series.bin', raw(series.x))] : []),
  ];
}

/**
 * `hourglass serve`: a page that loads a saved model in the browser, on the
 * WebAssembly backend, and shows it at work on samples it never saw
 * (reconstructions, the code space decoded under the mouse, generation,
 * anomaly scores, a series' flagged ranges and forecast, a draw pad), and
 * trains new models in the page (see page/main.ts). All inference runs in
 * the page; the server only hands out files (the page, the .wasm binaries,
 * the model's files and scaled samples). Without a model the page is the
 * trainer alone; `--export DIR` writes the same files to a folder for any
 * static host.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readModelJson } from '@hourglass/core';
import { readModelMetadata } from '../model-metadata.js';
import { servedSamples, servedSeries, trainingSamples } from '../serve/samples.js';
import { serveSite, type SiteServer } from '../serve/server.js';
import { siteFiles } from '../serve/site.js';

/** The model's description and the samples served with it. */
async function modelWithSamples(dir: string, opts: { data?: string; samples: number }) {
  const json = await readModelJson(dir);
  const metadata = readModelMetadata(json.metadata, `${dir}/model.json`);
  const samples = servedSamples(opts, metadata, json.scaling, json.recipe.inputShape as number[]);
  const series = servedSeries(opts.data ?? metadata.dataset!, metadata, json.scaling);
  return { dir, json, ...samples, ...(series ? { series } : {}) };
}

/** Options of `hourglass serve` (already parsed from flags). */
export interface ServeOptions {
  /** The model to show; without one the page only trains. */
  model?: string;
  data?: string;
  samples: number;
  host: string;
  port: number;
  export?: string;
  json: boolean;
  /** Resolves with the server once it listens (tests stop it through this); the command itself runs until the process ends. */
  onListening?: (server: SiteServer) => void;
}

/**
 * Runs `hourglass serve`; resolves to the exit code (with a server: once it is closed).
 *
 * @example
 * await serveCommand({ model: 'run/model', samples: 256, host: '127.0.0.1', port: 8080, json: false });
 */
export async function serveCommand(opts: ServeOptions): Promise<number> {
  const served = opts.model === undefined ? undefined : await modelWithSamples(opts.model, opts);
  const trainOn = opts.model === undefined && opts.data !== undefined ? trainingSamples(opts.data, opts.samples) : undefined;
  const files = siteFiles(served, trainOn);
  const what = served
    ? `${opts.model} with ${served.info.n} samples of ${served.info.name}`
    : `the trainer (no --model)${trainOn ? ` with ${trainOn.info.n} samples of ${trainOn.info.name} to train on` : ''}`;
  if (opts.export) {
    for (const file of files) {
      const to = join(opts.export, file.path);
      await mkdir(dirname(to), { recursive: true });
      await writeFile(to, await file.read());
    }
    const summary = { exported: opts.export, files: files.length, samples: (served ?? trainOn)?.info.n ?? 0 };
    process.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : `wrote ${what} to ${opts.export} (${files.length} files); serve the folder over HTTP (pages opened from file:// cannot load .wasm files)\n`);
    return 0;
  }
  const server = await serveSite(files, { host: opts.host, port: opts.port });
  process.stdout.write(opts.json ? JSON.stringify({ url: server.url, samples: (served ?? trainOn)?.info.n ?? 0 }) + '\n' : `serving ${what} at ${server.url} (Ctrl-C to stop)\n`);
  const closed = new Promise<void>((resolve) => {
    const close = server.close;
    const stop = async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await close();
      resolve();
    };
    const onSignal = () => void stop();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    server.close = stop;
  });
  opts.onListening?.(server);
  await closed;
  return 0;
}

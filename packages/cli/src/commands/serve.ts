/**
 * `hourglass serve`: a page that loads a saved model in the browser, on the
 * WebAssembly backend, and shows it at work on samples it never saw:
 * reconstructions beside the originals, the code space as a scatter plot
 * whose points decode on a click. All inference runs in the page; the
 * server only hands out files (the page, the .wasm binaries, the model's
 * files and scaled samples). `--export DIR` writes the same files to a
 * folder for any static host.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readModelJson } from '@hourglass/core';
import { readModelMetadata } from '../model-metadata.js';
import { servedSamples } from '../serve/samples.js';
import { serveSite, type SiteServer } from '../serve/server.js';
import { siteFiles } from '../serve/site.js';

/** Options of `hourglass serve` (already parsed from flags). */
export interface ServeOptions {
  model: string;
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
  const json = await readModelJson(opts.model);
  const metadata = readModelMetadata(json.metadata, `${opts.model}/model.json`);
  const { info, x } = servedSamples(opts, metadata, json.scaling, json.recipe.inputShape as number[]);
  const files = siteFiles(opts.model, json, info, x);
  if (opts.export) {
    for (const file of files) {
      const to = join(opts.export, file.path);
      await mkdir(dirname(to), { recursive: true });
      await writeFile(to, await file.read());
    }
    const summary = { exported: opts.export, files: files.length, samples: info.n };
    process.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : `wrote the page, the model and ${info.n} samples of ${info.name} to ${opts.export} (${files.length} files); serve the folder over HTTP (pages opened from file:// cannot load .wasm files)\n`);
    return 0;
  }
  const server = await serveSite(files, { host: opts.host, port: opts.port });
  process.stdout.write(opts.json ? JSON.stringify({ url: server.url, samples: info.n }) + '\n' : `serving ${opts.model} with ${info.n} samples of ${info.name} at ${server.url} (Ctrl-C to stop)\n`);
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

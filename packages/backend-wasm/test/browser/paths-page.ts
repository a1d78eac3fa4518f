/**
 * The second page of test/browser.test.ts: `setupWasm()` with the options
 * in its query string (`?options=<JSON>`), as a page bundling the .wasm
 * files under hashed names calls it, then one small op on the backend. The
 * outcome goes to `window.__result`: the report, or the error's name, code,
 * file and message. tfjs-backend-wasm cannot retry a failed start, so each
 * case is a fresh page.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setupWasm, type SetupWasmOptions, type WasmBuild } from '@hourglass/backend-wasm';

export type PathsPageResult =
  | { ok: true; backend: string; build: WasmBuild; threads: number; sum: number[] }
  | { ok: false; name: string; code?: string; file?: string; message: string };

async function run(): Promise<PathsPageResult> {
  const options = JSON.parse(new URLSearchParams(location.search).get('options') ?? '{}') as SetupWasmOptions;
  try {
    const report = await setupWasm(options);
    const sum = tf.tidy(() => Array.from(tf.add(tf.tensor1d([1, 2, 3]), tf.tensor1d([10, 20, 30])).dataSync()));
    return { ok: true, backend: tf.getBackend(), build: report.build, threads: report.threads, sum };
  } catch (error) {
    const e = error as { name?: string; code?: string; file?: string; message?: string };
    return { ok: false, name: String(e.name), code: e.code, file: e.file, message: String(e.message ?? error) };
  }
}

void run().then((result) => {
  (window as unknown as { __result: PathsPageResult }).__result = result;
});

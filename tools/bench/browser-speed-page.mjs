/**
 * The page of browser-speed.mjs, bundled for the browser by esbuild: starts
 * the wasm backend as a page would (`setupWasm({ baseUrl: '/wasm/' })`:
 * threaded SIMD where the page is cross-origin isolated, plain SIMD
 * otherwise), then trains reference model A of `hourglass bench` (dense
 * 784-128-64-32-64-128-784, batch 256, Adam 1e-3, BCE) on the 8,000 MNIST
 * training digits the server hands it (/mnist-train.f32, float32, 784 per
 * digit) for the warm-up and timed epochs of the query string, and puts
 * what `setupWasm` reported and samples/s per epoch in `window.__result`
 * (`{ error }` on failure).
 */
import { Autoencoder, registerVariant, tf, train } from '@hourglass/core';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { setupWasm } from '@hourglass/backend-wasm';

async function main() {
  const query = new URLSearchParams(location.search);
  const epochs = Number(query.get('epochs') ?? 3);
  const warmup = Number(query.get('warmup') ?? 1);
  const seed = Number(query.get('seed') ?? 0);
  const variants = JSON.parse(query.get('variants'));
  const report = await setupWasm({ baseUrl: '/wasm/' });
  registerVariant(undercomplete);
  const response = await fetch('/mnist-train.f32');
  if (!response.ok) throw new Error(`/mnist-train.f32: HTTP ${response.status}`);
  const x = new Float32Array(await response.arrayBuffer());
  const data = { x, n: x.length / 784, sampleShape: [784] };
  const model = Autoencoder.create({ inputShape: [784], variants, seed });
  const r = await train(model, data, { epochs: warmup + epochs, batchSize: 256, seed, optimizer: { name: 'adam', learningRate: 1e-3 } });
  const parameters = model.parameterCount;
  model.dispose();
  return {
    backend: tf.getBackend(),
    build: report.build,
    simd: report.simd,
    threads: report.threads,
    ...(report.reason === undefined ? {} : { reason: report.reason }),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency,
    n: data.n,
    parameters,
    samplesPerSec: r.history.slice(warmup).map((h) => h.samplesPerSec),
    trainLoss: r.history.at(-1).loss,
  };
}

main().then(
  (result) => {
    window.__result = result;
  },
  (error) => {
    window.__result = { error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
  },
);

#!/usr/bin/env node
/**
 * Where a training step's time goes, per kernel: every kernel registered
 * for the active backend is wrapped with a timer, the speed table's model
 * (A, B, C of `hourglass bench`, or S, the LSTM of `speed --model S`) trains
 * one untimed epoch and then one timed epoch, and each kernel's calls per
 * step, milliseconds per step and microseconds per call are printed, beside
 * the step's wall time. Wall time minus the kernels' sum is the engine's and
 * the trainer's own JavaScript (tape, scopes, batches). A kernel's time
 * includes its JavaScript wrapper (on native, the op call through tfjs-node's
 * binding); a kernel called from inside another (a stock kernel under a
 * wrapper) is charged to itself only, not to its caller as well
 * (kernel-timer.mjs, shared with backend-wasm's profile-step). The data
 * are random values of the right shape:
 * the figures are for time, not loss.
 *
 *   npm run bench -- kernel-profile [--model A|B|C|S]
 *
 * Env: BENCH_MODELS (default A), BENCH_BACKENDS (default wasm,node),
 * BENCH_PROFILE_SHAPES=1 (one line per kernel and input shapes),
 * BENCH_PROFILE_ROWS (lines printed per run, default 20),
 * BENCH_N_TRAIN (samples of the timed epoch, default 2048; S: 1024).
 */
import { exec } from './exec.mjs';
import { threadsLabel } from './threads-label.mjs';
import { timeKernels } from './kernel-timer.mjs';
import { fileURLToPath } from 'node:url';

const models = (process.env.BENCH_MODELS ?? 'A').split(',');
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,node').split(',');

if (process.argv[2] === '--child') await profile(process.argv[3], process.argv[4]);
else
  for (const model of models)
    for (const backend of backends) {
      // one process per run: a backend's kernels and threads are set up once per process
      process.stdout.write(await exec(process.execPath, [fileURLToPath(import.meta.url), '--child', model, backend], { label: `${model} on ${backend}` }));
    }

async function profile(model, backendName) {
  const { Autoencoder, train, tf } = await import('@hourglass/core');
  const { selectBackend, BENCH_MODELS } = await import('@hourglass/cli');
  const { MODEL_S, modelSData } = await import('./series/model-s-data.mjs');
  await import('@hourglass/variant-recurrent/register');
  const backend = await selectBackend(backendName);
  let data;
  let variants;
  let batchSize = 256;
  if (model === 'S') {
    data = modelSData(Number(process.env.BENCH_N_TRAIN ?? 1024)).train;
    variants = [{ name: 'recurrent', config: { cell: 'lstm', units: [MODEL_S.units] } }];
    batchSize = MODEL_S.batchSize;
  } else {
    const spec = BENCH_MODELS[model];
    if (!spec) throw new Error(`unknown model ${model} (A, B, C or S)`);
    for (const v of spec.variants) await import(`@hourglass/variant-${v.name}/register`);
    const n = Number(process.env.BENCH_N_TRAIN ?? 2048);
    const shape = spec.variants[0].name === 'convolutional' ? [28, 28, 1] : [784];
    const x = new Float32Array(n * 784);
    let s = 1;
    for (let i = 0; i < x.length; i++) x[i] = ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 8) / 2 ** 24;
    data = { x, n, sampleShape: shape };
    variants = spec.variants;
  }
  const byShapes = process.env.BENCH_PROFILE_SHAPES === '1';
  const shapesKey = (kernelName, args) => {
    const inputs = Array.isArray(args.inputs) ? args.inputs : Object.values(args.inputs);
    return `${kernelName} ${inputs.map((t) => `[${t.shape}]`).join('x')}${args.attrs?.transposeA ? ' tA' : ''}${args.attrs?.transposeB ? ' tB' : ''}`;
  };
  const timer = timeKernels(tf, tf.getBackend(), byShapes ? shapesKey : undefined);
  const { stats } = timer;
  timer.timing = false;
  const m = Autoencoder.create({ inputShape: data.sampleShape, variants, seed: 0 });
  const options = { epochs: 1, batchSize, seed: 0, optimizer: { name: 'adam' } };
  await train(m, data, options);
  timer.timing = true;
  const t0 = performance.now();
  await train(m, data, options);
  const wall = performance.now() - t0;
  m.dispose();
  const steps = Math.ceil(data.n / batchSize);
  let kernelMs = 0;
  let calls = 0;
  for (const s of stats.values()) {
    kernelMs += s.ms;
    calls += s.calls;
  }
  const threads = backend.details?.threads;
  console.log(
    `model ${model} on ${backendName}${threads ? ` (${threadsLabel(threads)})` : ''}: ${(wall / steps).toFixed(2)} ms a step (batch ${batchSize}), ` +
      `kernels ${(kernelMs / steps).toFixed(2)} ms (${((100 * kernelMs) / wall).toFixed(0)}%), ${(calls / steps).toFixed(0)} kernel calls a step`,
  );
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.BENCH_PROFILE_ROWS ?? 20));
  for (const [k, s] of rows)
    console.log(
      `  ${k.padEnd(byShapes ? 60 : 28)} ${(s.calls / steps).toFixed(1).padStart(7)} calls ${(s.ms / steps).toFixed(3).padStart(9)} ms ${((100 * s.ms) / wall).toFixed(1).padStart(5)}% ${((1000 * s.ms) / s.calls).toFixed(1).padStart(9)} us/call`,
    );
  console.log(JSON.stringify({ bench: 'kernel-profile', model, backend: backendName, threads, msPerStep: +(wall / steps).toFixed(3), kernelMsPerStep: +(kernelMs / steps).toFixed(3), kernels: Object.fromEntries(rows.map(([k, s]) => [k, { callsPerStep: +(s.calls / steps).toFixed(2), msPerStep: +(s.ms / steps).toFixed(3) }])) }));
}

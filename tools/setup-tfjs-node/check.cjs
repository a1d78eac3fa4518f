/**
 * Run in a child process by verify.mjs: `node check.cjs <dir> [--bench]`.
 * Loads @tensorflow/tfjs-node as resolved from <dir> and prints one JSON line.
 * Exits non-zero (with the error in the JSON) when anything is wrong.
 */
'use strict';
const path = require('node:path');
const { createRequire } = require('node:module');

const base = path.resolve(process.argv[2] || process.cwd());
const bench = process.argv.includes('--bench');
const req = createRequire(path.join(base, 'noop.js'));
const out = { ok: false };
try {
  const t0 = performance.now();
  const tf = req('@tensorflow/tfjs-node');
  out.loadMs = Math.round(performance.now() - t0);
  const nodePkg = path.dirname(req.resolve('@tensorflow/tfjs-node/package.json'));
  out.version = req('@tensorflow/tfjs-node/package.json').version;
  out.backend = tf.getBackend();
  out.libtensorflow = tf.backend().binding ? tf.backend().binding.TF_Version : undefined;
  // Which tfjs-core does @tensorflow/tfjs (imported by tfjs-node) see, and which one does the checkout see?
  const tfjsDir = path.dirname(req.resolve('@tensorflow/tfjs/package.json', { paths: [nodePkg] }));
  out.coreFromTfjsNode = path.dirname(req.resolve('@tensorflow/tfjs-core/package.json', { paths: [tfjsDir] }));
  out.coreFromBase = path.dirname(req.resolve('@tensorflow/tfjs-core/package.json'));
  const core = req('@tensorflow/tfjs-core');
  out.coreBackend = core.getBackend();
  const a = tf.tensor2d([[1, 2], [3, 4]]);
  const b = tf.tensor2d([[5, 6], [7, 8]]);
  const c = tf.matMul(a, b);
  out.matMul = Array.from(c.dataSync());
  tf.dispose([a, b, c]);
  const expect = [19, 22, 43, 50];
  const problems = [];
  if (out.backend !== 'tensorflow') problems.push(`backend is '${out.backend}', expected 'tensorflow'`);
  if (out.coreBackend !== 'tensorflow') problems.push(`@tensorflow/tfjs-core reports backend '${out.coreBackend}' (two tfjs-core copies?)`);
  if (out.coreFromTfjsNode !== out.coreFromBase) problems.push(`tfjs-node uses ${out.coreFromTfjsNode}, the checkout uses ${out.coreFromBase}`);
  if (out.matMul.some((v, i) => v !== expect[i])) problems.push(`matMul gave ${out.matMul}, expected ${expect}`);
  if (bench) {
    const n = 1024;
    const x = tf.randomUniform([n, n]);
    const y = tf.randomUniform([n, n]);
    tf.matMul(x, y).dataSync(); // warm-up
    const reps = 10;
    const s = performance.now();
    for (let i = 0; i < reps; i++) {
      const z = tf.matMul(x, y);
      z.dataSync();
      z.dispose();
    }
    const sec = (performance.now() - s) / 1000 / reps;
    out.matMul1024GFlops = Math.round((2 * n ** 3) / sec / 1e9);
    tf.dispose([x, y]);
  }
  out.problems = problems;
  out.ok = problems.length === 0;
} catch (err) {
  out.error = String(err && err.stack ? err.stack : err).split('\n').slice(0, 6).join('\n');
}
process.stdout.write(JSON.stringify(out) + '\n');
process.exitCode = out.ok ? 0 : 1;

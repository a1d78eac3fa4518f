/**
 * Speed benchmark: `hourglass bench` for the reference models A, B, C on
 * each backend, side by side in one run with the PyTorch reference script
 * (`shared/reference/pytorch-ae-bench.py`, Debian's python3-torch with
 * OpenBLAS), and the ratio of samples/s to PyTorch's.
 *
 * Env: BENCH_MODELS (default A,B,C), BENCH_BACKENDS (default wasm,node),
 * BENCH_EPOCHS (timed epochs, default 3), PYTORCH_REF (path of the reference
 * directory, default ../shared/reference next to the checkout). PyTorch is
 * skipped, with a note, when python3 cannot import torch.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/cli/bin/hourglass.cjs');
const ref = process.env.PYTORCH_REF ?? resolve(root, '../shared/reference');
const models = (process.env.BENCH_MODELS ?? 'A,B,C').split(',');
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,node').split(',');
const epochs = process.env.BENCH_EPOCHS ?? '3';

const exec = (cmd, args, opts = {}) =>
  new Promise((done, fail) =>
    execFile(cmd, args, { maxBuffer: 1 << 24, ...opts }, (err, stdout, stderr) => (err ? fail(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : done(stdout))),
  );

async function pytorch(model, dataDir) {
  const out = await exec('/usr/bin/python3', [join(ref, 'pytorch-ae-bench.py'), dataDir, model, epochs, '1'], { cwd: root });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  return JSON.parse(line.slice(7));
}

let dataDir;
let torchNote;
try {
  await exec('/usr/bin/python3', ['-c', 'import torch']);
  dataDir = mkdtempSync(join(tmpdir(), 'hourglass-mnist-split-'));
  await exec(process.execPath, [join(ref, 'mnist-split.mjs'), dataDir], { cwd: root });
} catch (e) {
  torchNote = `PyTorch reference skipped: ${e.message.split('\n')[0]} (apt-get install -y python3-torch libopenblas0-openmp)`;
}
if (!existsSync(join(ref, 'pytorch-ae-bench.py'))) torchNote = `PyTorch reference skipped: ${ref} has no pytorch-ae-bench.py`;

const rows = [];
for (const model of models) {
  const torch = torchNote ? undefined : await pytorch(model, dataDir);
  for (const backend of backends) {
    let r;
    try {
      r = JSON.parse(await exec(process.execPath, [cli, 'bench', '--model', model, '--backend', backend, '--epochs', epochs, '--json']));
    } catch (e) {
      console.log(`model ${model} on ${backend}: failed (${e.message.split('\n')[0]})`);
      continue;
    }
    const ratio = torch ? r.samplesPerSec.median / torch.samplesPerSec.median : undefined;
    rows.push({ model, backend, samplesPerSec: Math.round(r.samplesPerSec.median), pytorch: torch && Math.round(torch.samplesPerSec.median), ratio: ratio && +ratio.toFixed(3), testLoss: +r.testLoss.toFixed(4), pytorchTestLoss: torch && +torch.testLoss.toFixed(4), peakRssMB: r.peakRssMB, threads: r.backendDetails?.threads });
    console.log(
      `model ${model} on ${backend}${r.backendDetails?.threads ? ` (${r.backendDetails.threads} threads)` : ''}: ${Math.round(r.samplesPerSec.median).toLocaleString('en-US')} samples/s` +
        (torch ? ` vs PyTorch ${Math.round(torch.samplesPerSec.median).toLocaleString('en-US')} = ${ratio.toFixed(3)}x` : '') +
        `, test BCE ${r.testLoss.toFixed(4)}${torch ? ` (PyTorch ${torch.testLoss.toFixed(4)})` : ''}, peak RSS ${r.peakRssMB} MB`,
    );
  }
}
if (torchNote) console.log(torchNote);
console.log(JSON.stringify({ bench: 'speed', epochs: Number(epochs), rows }));

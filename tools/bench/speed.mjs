/**
 * Speed benchmark: `hourglass bench` for the reference models A, B, C on
 * each backend, side by side in one run with the PyTorch reference script
 * (`shared/reference/pytorch-ae-bench.py`, Debian's python3-torch with
 * OpenBLAS), and the ratio of samples/s to PyTorch's. Model S, the LSTM
 * autoencoder (window 48, 1 feature, 64 units, batch 128), runs
 * `series/model-s.mjs` against `shared/reference/pytorch-seq-bench.py` on
 * the same synthetic series (`npm run bench -- speed --model S`).
 *
 * The yardstick's OpenBLAS core is checked before anything runs
 * (openblas-core.mjs): the core OpenBLAS itself reports is printed beside
 * every ratio, and no ratio is printed against a slow SSE-era core such as
 * the Prescott that Debian's OpenBLAS detects on some AVX-512 CPUs.
 *
 * Env: BENCH_MODELS (default A,B,C; S is the LSTM), BENCH_BACKENDS (default wasm,node),
 * BENCH_EPOCHS (timed epochs, default 3), BENCH_N_TRAIN (model S's training
 * windows, default 8000), OMP_WAIT_POLICY (given to PyTorch; default PASSIVE:
 * with OpenMP's default, threads spin while they wait, and on a machine busy
 * with other work model S fell from about 1,350 to 7 samples/s), PYTORCH_REF (path of the reference
 * directory, default ../shared/reference next to the checkout),
 * BENCH_OPENBLAS_CORETYPE (PyTorch's OpenBLAS core; an inherited
 * OPENBLAS_CORETYPE is not passed on). PyTorch is
 * skipped, with a note, when python3 cannot import torch.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec } from './exec.mjs';
import { threadsLabel } from './threads-label.mjs';
import { isSlowCore, openblasCore, yardstickEnv } from './openblas-core.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/cli/bin/hourglass.cjs');
const ref = process.env.PYTORCH_REF ?? resolve(root, '../shared/reference');
const models = (process.env.BENCH_MODELS ?? 'A,B,C').split(',');
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,node').split(',');
const epochs = process.env.BENCH_EPOCHS ?? '3';
const nTrain = process.env.BENCH_N_TRAIN ?? '8000';

const SEQUENCE_MODELS = ['S'];

async function pytorch(model, dataDir) {
  const args = SEQUENCE_MODELS.includes(model) ? [join(ref, 'pytorch-seq-bench.py'), epochs, '1', nTrain] : [join(ref, 'pytorch-ae-bench.py'), dataDir, model, epochs, '1'];
  const out = await exec('/usr/bin/python3', args, { cwd: root, env: torchEnv });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  return JSON.parse(line.slice(7));
}

function hourglassBench(model, backend) {
  if (SEQUENCE_MODELS.includes(model)) return exec(process.execPath, [join(root, 'tools/bench/series/model-s.mjs'), '--backend', backend, '--epochs', epochs, '--warmup', '1', '--n-train', nTrain]);
  return exec(process.execPath, [cli, 'bench', '--model', model, '--backend', backend, '--epochs', epochs, '--json']);
}

const { env: yardstick, note: coreNote } = yardstickEnv();
const torchEnv = { ...yardstick, OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY ?? 'PASSIVE' };
let dataDir;
let torchNote;
let core;
try {
  await exec('/usr/bin/python3', ['-c', 'import torch']);
  core = await openblasCore(torchEnv);
  if (coreNote) console.log(coreNote);
  console.log(`PyTorch's OpenBLAS runs the ${core} kernels`);
  if (models.some((m) => !SEQUENCE_MODELS.includes(m))) {
    dataDir = mkdtempSync(join(tmpdir(), 'hourglass-mnist-split-'));
    await exec(process.execPath, [join(ref, 'mnist-split.mjs'), dataDir], { cwd: root });
  }
} catch (e) {
  torchNote = `PyTorch reference skipped: ${e.message.split('\n')[0]} (apt-get install -y python3-torch libopenblas0-openmp)`;
}
for (const script of ['pytorch-ae-bench.py', 'pytorch-seq-bench.py']) if (!existsSync(join(ref, script))) torchNote = `PyTorch reference skipped: ${ref} has no ${script}`;

const rows = [];
for (const model of models) {
  const torch = torchNote ? undefined : await pytorch(model, dataDir);
  if (torch) console.log(`RESULT ${JSON.stringify(torch)}`);
  for (const backend of backends) {
    let r;
    try {
      r = JSON.parse(await hourglassBench(model, backend));
    } catch (e) {
      console.log(`model ${model} on ${backend}: failed (${e.message.split('\n')[0]})`);
      continue;
    }
    const ratio = torch && !isSlowCore(core) ? r.samplesPerSec.median / torch.samplesPerSec.median : undefined;
    const range = (sps) => `median ${Math.round(sps.median).toLocaleString('en-US')}, min ${Math.round(sps.min).toLocaleString('en-US')}, max ${Math.round(sps.max).toLocaleString('en-US')}`;
    rows.push({ model, backend, samplesPerSec: Math.round(r.samplesPerSec.median), samplesPerSecMin: Math.round(r.samplesPerSec.min), samplesPerSecMax: Math.round(r.samplesPerSec.max), pytorch: torch && Math.round(torch.samplesPerSec.median), pytorchMin: torch && Math.round(torch.samplesPerSec.min), pytorchMax: torch && Math.round(torch.samplesPerSec.max), openblasCore: torch && core, ratio: ratio && +ratio.toFixed(3), testLoss: +r.testLoss.toFixed(4), pytorchTestLoss: torch && +torch.testLoss.toFixed(4), peakRssMB: r.peakRssMB, threads: r.backendDetails?.threads });
    const loss = SEQUENCE_MODELS.includes(model) ? 'MSE' : 'BCE';
    console.log(
      `model ${model} on ${backend}${r.backendDetails?.threads ? ` (${threadsLabel(r.backendDetails.threads)})` : ''}: ${range(r.samplesPerSec)} samples/s` +
        (torch ? ` vs PyTorch ${range(torch.samplesPerSec)} (${torch.threads} threads, openblasCore ${core})${ratio ? ` = ${ratio.toFixed(3)}x` : `: no ratio, ${core} is a slow SSE-era core (set BENCH_OPENBLAS_CORETYPE, e.g. SkylakeX or Haswell)`}` : '') +
        `, test ${loss} ${r.testLoss.toFixed(4)}${torch ? ` (PyTorch ${torch.testLoss.toFixed(4)})` : ''}, peak RSS ${r.peakRssMB} MB`,
    );
  }
}
if (torchNote) console.log(torchNote);
console.log(JSON.stringify({ bench: 'speed', epochs: Number(epochs), rows }));

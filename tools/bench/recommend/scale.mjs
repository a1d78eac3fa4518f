#!/usr/bin/env node
/**
 * Mult-VAE at MovieLens-20M's scale: training samples/s and peak RSS on the
 * native and the wasm backend, on synthetic clicks of the size of Liang et
 * al.'s binarised ML-20M (136,677 users x 20,108 items, 10.0 M clicks).
 *
 * The clicks are generated once (syntheticImplicit, rank 2: the preference
 * model does not matter for speed, its cost does) and handed to one child
 * process per backend as raw CSR arrays, so each child's peak RSS is its
 * own: the stored clicks, the model (the paper's 600-200-600, 24.2 M
 * parameters) and its Adam moments, and one batch of dense rows. Each
 * child trains on the batch source the CLI uses (interactionBatches: dense
 * rows filled on the fly), batch 500 as in the paper, for two short epochs
 * of `--batches` batches; samples/s is the second epoch's (the first holds
 * the warm-up), and the time of one full epoch over the 126,677 training
 * users is extrapolated from it.
 *
 *   node tools/bench/recommend/scale.mjs [--backends node,wasm] [--batches 6] [--quick]
 *
 * `--quick`: a set a hundredth of the size (the pipeline runs, the figures
 * mean nothing). Prints readable lines, then one JSON line.
 *
 * Measured on a quiet machine (2 cores): native 171 samples/s, peak RSS
 * 2,550 MiB; wasm 99 samples/s, peak RSS 2,429 MiB. With two other jobs
 * sharing the cores (load 9 to 11; generating the clicks took 325 s):
 * native 30, wasm 21 samples/s. 157 and 150 MiB after reading the clicks;
 * 24,511,308 parameters; tensors flat. Each batch is 72 GFLOP (six
 * 500 x 20,108 x 600 products: forward, and the gradients of weights and
 * inputs, on both sides), so both backends are bound by the matrix products;
 * the batch's dense rows are 40 MB of the peak.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    backends: { type: 'string', default: 'node,wasm' },
    batches: { type: 'string', default: '6' },
    quick: { type: 'boolean', default: false },
    child: { type: 'string' },
    backend: { type: 'string' },
  },
});
const BATCH = 500;
const SIZE = args.quick ? { users: 1367, items: 2011, clicks: 100_000 } : { users: 136_677, items: 20_108, clicks: 10_000_000 };
const TRAIN_USERS = SIZE.users - (args.quick ? 100 : 10_000);

if (args.child) await child(args.child, args.backend);
else await parent();

async function parent() {
  const { syntheticImplicit } = await import('@hourglass/data');
  const dir = await mkdtemp(join(tmpdir(), 'hourglass-bench-scale-'));
  try {
    const t0 = process.hrtime.bigint();
    const density = SIZE.clicks / (SIZE.users * SIZE.items);
    const { interactions } = syntheticImplicit({ users: SIZE.users, items: SIZE.items, rank: 2, density, seed: 20 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`synthetic clicks: ${interactions.users.toLocaleString('en-US')} users x ${interactions.items.toLocaleString('en-US')} items, ${interactions.count.toLocaleString('en-US')} clicks (generated in ${seconds.toFixed(0)} s)`);
    await writeFile(join(dir, 'rowStart.bin'), new Uint8Array(interactions.rowStart.buffer, interactions.rowStart.byteOffset, interactions.rowStart.byteLength));
    await writeFile(join(dir, 'itemIndex.bin'), new Uint8Array(interactions.itemIndex.buffer, interactions.itemIndex.byteOffset, interactions.itemIndex.byteLength));
    await writeFile(join(dir, 'size.json'), JSON.stringify({ users: interactions.users, items: interactions.items }));
    const results = {};
    for (const backend of args.backends.split(',')) {
      const r = await runChild(dir, backend);
      results[backend] = r;
      console.log(
        `${backend.padEnd(5)} ${r.samplesPerSec.toFixed(0)} samples/s (one epoch of ${TRAIN_USERS.toLocaleString('en-US')} users: ~${(TRAIN_USERS / r.samplesPerSec / 60).toFixed(1)} min); ` +
          `peak RSS ${r.peakRssMiB.toFixed(0)} MiB (${r.dataRssMiB.toFixed(0)} MiB after reading the clicks); ${r.parameters.toLocaleString('en-US')} parameters; tensors ${r.tensorsBefore} -> ${r.tensorsAfter}`,
      );
    }
    console.log(JSON.stringify({ bench: 'recommend-scale', quick: args.quick, size: { users: interactions.users, items: interactions.items, clicks: interactions.count }, generateSeconds: seconds, results }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runChild(dir, backend) {
  return new Promise((done, fail) => {
    const c = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', dir, '--backend', backend, '--batches', args.batches], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('close', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop())) : fail(new Error(`${backend} child exited ${code}`))));
  });
}

async function child(dir, backendName) {
  const { Autoencoder, tf, train } = await import('@hourglass/core');
  const { Interactions, interactionBatches } = await import('@hourglass/data');
  const { selectBackend } = await import('@hourglass/backends');
  const { multVae } = await import('@hourglass/variant-mult-vae');
  await import('@hourglass/variant-mult-vae/register');
  await import('@hourglass/variant-denoising/register');
  await import('@hourglass/variant-variational/register');
  const size = JSON.parse(await readFile(join(dir, 'size.json'), 'utf8'));
  const int32 = async (name) => {
    const b = await readFile(join(dir, name));
    return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const rowStart = await int32('rowStart.bin');
  const itemIndex = await int32('itemIndex.bin');
  const ids = (n) => Array.from({ length: n }, (_, i) => String(i));
  const inter = new Interactions({ name: 'synthetic clicks', userIds: ids(size.users), itemIds: ids(size.items), rowStart, itemIndex, values: new Float32Array(itemIndex.length).fill(1) });
  const dataRss = process.memoryUsage().rss;
  const backend = await selectBackend(backendName);
  const model = Autoencoder.create({ inputShape: [inter.items], variants: multVae({ anneal: 200_000 }), seed: 1 });
  const batches = Number(args.batches);
  const full = interactionBatches(inter, { seed: 1 });
  const source = {
    name: inter.name,
    sampleShape: [inter.items],
    n: Math.min(inter.users, batches * BATCH),
    async *batches(batchSize) {
      let k = 0;
      for await (const b of full.batches(batchSize)) {
        if (k++ >= batches) break;
        yield b;
      }
    },
  };
  const tensorsBefore = tf.memory().numTensors;
  const r = await train(model, source, { epochs: 2, batchSize: BATCH, seed: 1, optimizer: { learningRate: 1e-3 } });
  const tensorsAfter = tf.memory().numTensors;
  const parameters = model.parameterCount;
  model.dispose();
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({ backend: backend.name, samplesPerSec: r.history[1].samplesPerSec, loss: r.history[1].loss, parameters, peakRssMiB: peak / 2 ** 20, dataRssMiB: dataRss / 2 ** 20, tensorsBefore, tensorsAfter }) + '\n',
  );
}

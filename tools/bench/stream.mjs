/**
 * Streaming benchmark: trains on an NPY file larger than the memory bound
 * through `npyBatchSource`, and reports peak RSS, loader rows/s (reading
 * alone) and trainer samples/s (reading + training).
 *
 * The file (default 3 GB: MNIST digits repeated, float32 [n, 28, 28, 1]) is
 * written to the temp directory and removed afterwards.
 * Env: STREAM_GB (file size), BENCH_BACKEND (default wasm), STREAM_MAX_RSS_MB (default 1024).
 */
import { open, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf, Autoencoder, train } from '@hourglass/core';
import '@hourglass/variant-undercomplete/register';
import { csvBatchSource, encodeNpyHeader, idxBatchSource, loadDataset, npyBatchSource } from '@hourglass/data';
import { selectBackend } from '@hourglass/cli';

const gb = Number(process.env.STREAM_GB ?? 3);
const maxRss = Number(process.env.STREAM_MAX_RSS_MB ?? 1024);
const per = 784;
const rows = Math.floor((gb * 1024 ** 3) / (per * 4));

async function writeFile(path) {
  const digits = loadDataset('mnist');
  const fh = await open(path, 'w');
  await fh.write(encodeNpyHeader('<f4', [rows, 28, 28, 1]));
  const chunkRows = 4096;
  for (let r = 0; r < rows; r += chunkRows) {
    const n = Math.min(chunkRows, rows - r);
    const chunk = new Float32Array(n * per);
    for (let i = 0; i < n; i++) {
      const src = (r + i) % digits.n;
      chunk.set(digits.x.subarray(src * per, (src + 1) * per), i * per);
    }
    await fh.write(new Uint8Array(chunk.buffer));
  }
  await fh.close();
}

/** Rows/s of reading a source to the end in batches of 256. */
async function drain(source) {
  const t = performance.now();
  let seen = 0;
  for await (const b of source.batches(256)) seen += b.n;
  return { rows: seen, rowsPerSec: Math.round(seen / ((performance.now() - t) / 1000)) };
}

/** CSV and IDX copies of the digits (written in chunks), to compare the text and IDX loaders with NPY. */
async function writeSideFiles(dirPath, count) {
  const digits = loadDataset('mnist');
  const csv = join(dirPath, 'digits.csv');
  const fh = await open(csv, 'w');
  for (let start = 0; start < count; start += 1000) {
    const lines = [];
    for (let i = start; i < Math.min(count, start + 1000); i++)
      lines.push(Array.from(digits.x.subarray((i % digits.n) * per, (i % digits.n + 1) * per), (v) => v.toFixed(3)).join(','));
    await fh.write(lines.join('\n') + '\n');
  }
  await fh.close();
  const idx = join(dirPath, 'digits-idx3-ubyte');
  const head = Buffer.alloc(16);
  head.writeUInt32BE(0x00000803, 0);
  head.writeUInt32BE(count, 4);
  head.writeUInt32BE(28, 8);
  head.writeUInt32BE(28, 12);
  const body = Buffer.alloc(count * per);
  for (let i = 0; i < count * per; i++) body[i] = Math.round(digits.x[i % (digits.n * per)] * 255);
  const ih = await open(idx, 'w');
  await ih.write(Buffer.concat([head, body]));
  await ih.close();
  return { csv, idx };
}

const dir = await mkdtemp(join(tmpdir(), 'hourglass-stream-'));
const file = join(dir, 'big.npy');
try {
  let t = performance.now();
  await writeFile(file);
  console.error(`wrote ${file}: ${rows} rows, ${(rows * per * 4 / 1024 ** 3).toFixed(2)} GB in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const source = await npyBatchSource(file);
  const loaderRowsPerSec = (await drain(source)).rowsPerSec;
  const side = await writeSideFiles(dir, 50000);
  const csvRowsPerSec = (await drain(await csvBatchSource(side.csv, { header: false }))).rowsPerSec;
  const idxRowsPerSec = (await drain(await idxBatchSource(side.idx))).rowsPerSec;

  const backend = await selectBackend(process.env.BENCH_BACKEND ?? 'wasm');
  const model = Autoencoder.create({ inputShape: [28, 28, 1], variants: [{ name: 'undercomplete' }], seed: 1 });
  t = performance.now();
  const r = await train(model, source, { epochs: 1, batchSize: 256 });
  const trainSeconds = (performance.now() - t) / 1000;
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  model.dispose();
  const result = {
    bench: 'stream',
    backend: backend.name,
    fileGB: +(rows * per * 4 / 1024 ** 3).toFixed(2),
    rows,
    loaderRowsPerSec,
    csvLoaderRowsPerSec: csvRowsPerSec,
    idxLoaderRowsPerSec: idxRowsPerSec,
    trainerSamplesPerSec: Math.round(rows / trainSeconds),
    loss: r.history[0].loss,
    peakRssMB,
    maxRssMB: maxRss,
    tensorsLeft: tf.memory().numTensors,
  };
  console.log(`stream: ${result.fileGB} GB NPY on ${result.backend}: loader ${result.loaderRowsPerSec.toLocaleString('en-US')} rows/s (CSV ${csvRowsPerSec.toLocaleString('en-US')}, IDX ${idxRowsPerSec.toLocaleString('en-US')}), trainer ${result.trainerSamplesPerSec.toLocaleString('en-US')} samples/s, peak RSS ${peakRssMB} MB (bound ${maxRss} MB: ${peakRssMB <= maxRss ? 'within' : 'EXCEEDED'})`);
  console.log(JSON.stringify(result));
  if (peakRssMB > maxRss) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}

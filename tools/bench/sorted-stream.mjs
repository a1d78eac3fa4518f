#!/usr/bin/env node
/**
 * Does a shuffle buffer make a sorted stream train like shuffled data?
 * The 8,000 training digits of the standard MNIST split are sorted by
 * label (all 0s, then all 1s, ...) and the default dense autoencoder
 * (784-128-64-32) is trained on them three ways, same seed, same epochs:
 *
 *   in memory   the array, shuffled by the trainer every epoch (the reference)
 *   sorted      the sorted rows as a stream, in file order
 *   buffered    the same stream through shuffledSource (SORTED_BUFFER rows, default 4,000: half the data)
 *   chunked     the sorted rows as an NPY file read in chunks of SORTED_CHUNK rows
 *               (default 50) in a seeded random order, through a buffer of
 *               SORTED_CHUNK_BUFFER rows (default 1,000: an eighth of the data)
 *
 * and each is scored on the 2,000 test digits (BCE per pixel). Prints the
 * three test losses and the buffered and sorted ones against the in-memory
 * one; repeats SORTED_REPEATS times (seeds 0, 1, ...) for the spread.
 * Env: SORTED_EPOCHS (default 10), SORTED_BUFFER, SORTED_CHUNK, SORTED_CHUNK_BUFFER, SORTED_REPEATS (default 3), BENCH_BACKEND (default node).
 * `--quick`: 1 epoch, 1 repeat (the pipeline runs; the figures mean little).
 *
 * Measured 2026-12-04, native backend, 2 cores, 10 epochs, seeds 0-2,
 * median (min-max) test BCE and its ratio to in memory:
 *   in memory (shuffled each epoch)   0.1331 (0.1322-0.1360)
 *   sorted stream, file order         0.2146 (0.2120-0.2209)  1.613x (1.603-1.624)
 *   shuffle buffer 2,000 (2.5 labels) 0.1406 (0.1357-0.1433)  1.053x (1.020-1.063)
 *   shuffle buffer 4,000 (5 labels)   0.1327 (0.1295-0.1361)  0.997x (0.979-1.001)
 *   shuffle buffer 8,000 (all)        0.1364 (0.1358-0.1365)  1.021x (1.003-1.031)
 * A buffer alone needs to hold several of the runs a file is sorted in; a
 * random visiting order of file chunks (the file sources' `chunks`)
 * lets a smaller one do. Same day, same settings, with the NPY file read in
 * chunks of 50 rows in a seeded random order:
 *   chunks + buffer 1,000 (1/8)       0.1328 (0.1302-0.1365)  1.003x (0.978-1.005)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Autoencoder, evaluate, train } from '@hourglass/core';
import '@hourglass/variant-undercomplete/register';
import { arrayBatchSource, loadDataset, npyBatchSource, selectRows, shuffledSource, splitDataset, writeNpy } from '@hourglass/data';
import { selectBackend } from '@hourglass/cli';

const quick = process.argv.includes('--quick');
const epochs = quick ? 1 : Number(process.env.SORTED_EPOCHS ?? 10);
const buffer = Number(process.env.SORTED_BUFFER ?? 4000);
const repeats = quick ? 1 : Number(process.env.SORTED_REPEATS ?? 3);
const backend = process.env.BENCH_BACKEND ?? 'node';
const chunkRows = Number(process.env.SORTED_CHUNK ?? 50);
const chunkBuffer = Number(process.env.SORTED_CHUNK_BUFFER ?? 1000);

await selectBackend(backend);
const { train: trainSet, test } = splitDataset(loadDataset('mnist'), { test: 2000, seed: 12345 });
const byLabel = Int32Array.from(trainSet.labels.keys()).sort((a, b) => trainSet.labels[a] - trainSet.labels[b] || a - b);
const sorted = selectRows(trainSet, byLabel, 'mnist/train sorted by label');
const recipe = (seed) => ({ inputShape: [28, 28, 1], variants: [{ name: 'undercomplete' }], seed });
const options = (seed) => ({ epochs, batchSize: 256, seed, optimizer: { learningRate: 5e-3 } });
const streamOf = (source) => ({ sampleShape: source.sampleShape, n: source.n, name: source.name, batches: (b) => source.batches(b) });

async function testLoss(data, seed) {
  const model = Autoencoder.create(recipe(seed));
  await train(model, data, options(seed));
  const loss = await evaluate(model, test);
  model.dispose();
  return loss;
}

const dir = await mkdtemp(join(tmpdir(), 'hourglass-sorted-'));
const sortedFile = join(dir, 'sorted.npy');
writeNpy(sortedFile, sorted.x, [sorted.n, ...sorted.sampleShape]);
const runs = { memory: [], sorted: [], buffered: [], chunked: [] };
try {
  for (let seed = 0; seed < repeats; seed++) {
    runs.memory.push(await testLoss(sorted, seed)); // the trainer shuffles an array every epoch
    runs.sorted.push(await testLoss(streamOf(arrayBatchSource(sorted)), seed));
    runs.buffered.push(await testLoss(streamOf(shuffledSource(arrayBatchSource(sorted), { buffer, seed })), seed));
    const chunks = await npyBatchSource(sortedFile, { chunks: { seed, bytes: chunkRows * 784 * 4 } });
    runs.chunked.push(await testLoss(streamOf(shuffledSource(chunks, { buffer: chunkBuffer, seed })), seed));
    console.log(
      `seed ${seed}: in memory ${runs.memory[seed].toFixed(4)}, sorted stream ${runs.sorted[seed].toFixed(4)}, buffered stream ${runs.buffered[seed].toFixed(4)}, chunked ${runs.chunked[seed].toFixed(4)}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (k) => runs[k].map((v, i) => v / runs.memory[i]);
const fmt = (xs) => `${median(xs).toFixed(4)} (${Math.min(...xs).toFixed(4)}-${Math.max(...xs).toFixed(4)})`;
console.log(`sorted-stream: default dense autoencoder, ${epochs} epochs on 8,000 label-sorted MNIST digits, ${backend} backend, shuffle buffer ${buffer} rows, ${repeats} seeds, test BCE per pixel, median (min-max):`);
console.log(`  in memory (shuffled each epoch)  ${fmt(runs.memory)}`);
console.log(`  sorted stream, file order        ${fmt(runs.sorted)}  x${fmt(ratio('sorted'))} of in memory`);
console.log(`  sorted stream, shuffle buffer    ${fmt(runs.buffered)}  x${fmt(ratio('buffered'))} of in memory`);
console.log(`  chunks of ${chunkRows} in a random order, buffer ${chunkBuffer}  ${fmt(runs.chunked)}  x${fmt(ratio('chunked'))} of in memory`);
console.log(JSON.stringify({ bench: 'sorted-stream', epochs, buffer, chunkRows, chunkBuffer, backend, runs, buffered: ratio('buffered'), sorted: ratio('sorted'), chunked: ratio('chunked') }));

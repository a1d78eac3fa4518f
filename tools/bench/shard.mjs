#!/usr/bin/env node
/**
 * Throughput of `--shard` against the number of processes: scores a
 * generated CSV (SHARD_ROWS rows, default 50,000, of SHARD_COLUMNS columns,
 * default 64) with a model trained here for one epoch (SHARD_HIDDEN, default
 * 64-512-256-8), first with one `hourglass encode --what scores` process,
 * then with 2 processes in parallel on `--shard 0/2` and `--shard 1/2`,
 * timing wall-clock from the start of the processes to the end of the last
 * one (start-up, reading the CSV and writing the parts included; merge not
 * included). Repeats SHARD_REPEATS times (default 3) and prints rows/s of
 * each, the speed-up and its spread, the load average, and whether the
 * merged parts are the one-process file byte for byte.
 * Env: SHARD_ROWS, SHARD_COLUMNS, SHARD_HIDDEN, SHARD_REPEATS, BENCH_BACKEND (default node).
 *
 * Measured on a quiet 2-core machine (load average 1.3), median (min-max)
 * of 3 repeats, merged parts identical every time:
 *   cpu, 10,000 rows:   1 process  1,430 (1,367-1,492) rows/s, 2 shards  2,450 (2,263-2,576): 1.71x (1.66-1.73)
 *   node, 50,000 rows:  1 process 45,077 (43,714-46,698) rows/s, 2 shards 48,523 (47,073-48,660): 1.08x (1.04-1.08)
 * The cpu backend runs one thread per process, so two shards use both
 * cores: near-linear scaling, less the start-up and the whole-file read
 * each shard pays. Native TensorFlow already spreads one process over both
 * cores, so a second shard adds little here.
 * Earlier, on the same machine shared with other jobs (load average 5-7):
 *   node, 50,000 rows:  1 process 47,053 (31,021-49,091) rows/s, 2 shards 28,173 (24,030-43,459): 0.77x (0.57-0.92)
 *   wasm, 50,000 rows:  1 process 16,985 (13,213-20,551) rows/s, 2 shards 11,377 (11,276-16,187): 0.79x (0.67-0.85)
 *   cpu, 10,000 rows:   1 process  1,327 (1,180-1,337) rows/s,   2 shards  1,015 (815-1,317):     0.86x (0.61-0.99)
 * (on busy cores two shards lose: every shard pays the start-up, about
 * 1 s, and reads the whole CSV). Shards pay where each has cores of its
 * own (pods on several machines), which this machine cannot measure.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/cli/bin/hourglass.cjs');
const rows = Number(process.env.SHARD_ROWS ?? 50_000);
const backend = process.env.BENCH_BACKEND ?? 'node';
const repeats = Number(process.env.SHARD_REPEATS ?? 3);
const COLUMNS = Number(process.env.SHARD_COLUMNS ?? 64);
const HIDDEN = process.env.SHARD_HIDDEN ?? '512,256';

/** Runs `hourglass ...args`; resolves when it exits 0. */
function hourglass(args) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`hourglass ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Seconds of wall-clock time from starting every command in `runs` to the end of the last. */
async function wall(runs) {
  const t = performance.now();
  await Promise.all(runs.map(hourglass));
  return (performance.now() - t) / 1000;
}

/** A CSV of `n` rows of COLUMNS smooth, correlated columns (seeded, deterministic). */
function table(n) {
  const lines = [Array.from({ length: COLUMNS }, (_, j) => `c${j}`).join(',')];
  for (let i = 0; i < n; i++) {
    const t = i / 97;
    lines.push(Array.from({ length: COLUMNS }, (_, j) => (Math.sin(t * (1 + j / 8)) + 0.3 * Math.cos(t * 3 + j)).toFixed(4)).join(','));
  }
  return lines.join('\n') + '\n';
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
const fmt = ({ median, min, max }, digits = 0) => `${median.toFixed(digits)} (${min.toFixed(digits)}-${max.toFixed(digits)})`;

const load = () => loadavg()[0].toFixed(1);
const loadBefore = load();
const dir = await mkdtemp(join(tmpdir(), 'hourglass-bench-shard-'));
try {
  const data = join(dir, 'table.csv');
  await writeFile(data, table(rows));
  const run = join(dir, 'run');
  await hourglass(['train', '--data', data, '--epochs', '1', '--hidden', HIDDEN, '--latent', '8', '--loss', 'mse', '--backend', backend, '--quiet', '--out', run]);
  const score = (out, ...more) => ['encode', '--model', join(run, 'model'), '--data', data, '--what', 'scores', '--out', out, '--backend', backend, ...more];
  const one = [];
  const two = [];
  let identical = true;
  for (let r = 0; r < repeats; r++) {
    one.push(rows / (await wall([score(join(dir, 'one.csv'))])));
    const parts = [0, 1].map((i) => join(dir, `part-${i}.csv`));
    two.push(rows / (await wall(parts.map((p, i) => score(p, '--shard', `${i}/2`)))));
    const merged = join(dir, 'merged.csv');
    await hourglass(['merge', '--out', merged, ...parts]);
    identical &&= (await readFile(merged)).equals(await readFile(join(dir, 'one.csv')));
  }
  const speedUps = two.map((v, i) => v / one[i]);
  console.log(`shard: encode --what scores of ${rows} rows x ${COLUMNS} columns, model ${COLUMNS}-${HIDDEN.replace(',', '-')}-8, ${backend} backend, ${cpus().length} cores (load average ${loadBefore} before, ${load()} after), ${repeats} repeats, median (min-max):`);
  console.log(`  1 process           ${fmt(stats(one))} rows/s`);
  console.log(`  2 shards in parallel ${fmt(stats(two))} rows/s`);
  console.log(`  speed-up            ${fmt(stats(speedUps), 2)}x; merged parts ${identical ? 'identical to' : 'DIFFER from'} the one-process file`);
  console.log(JSON.stringify({ bench: 'shard', rows, columns: COLUMNS, hidden: HIDDEN, backend, cores: cpus().length, loadAverage: [Number(loadBefore), Number(load())], oneProcess: one, twoShards: two, speedUps, identical }));
  if (!identical) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}

/**
 * What the recommender benchmarks share: the paper recipes as `hourglass
 * train` flags, training and evaluating through the built CLI (each run in
 * its own temporary run directory), the CLI's split constants (so a script
 * can redo a split itself), and printing figures beside a reference.
 *
 * The recipes (why these values: movielens.mjs and synthetic.mjs say what
 * was measured):
 *
 * - AutoRec (Sedhain et al. 2015): 500 sigmoid hidden units, 10% of each
 *   user's ratings held out; item rows (I-AutoRec) or user rows (U-AutoRec).
 *   The paper trains full-batch with L-BFGS / Rprop and picks its L2 weight
 *   by validation; here Adam 1e-3 (beta2 0.999) in batches of 64 rows with
 *   the weight decay and epochs of `AUTOREC`.
 * - Mult-VAE and Mult-DAE (Liang et al. 2018): one 600-unit tanh layer, a
 *   200-d code, input dropout 0.5 (masking), multinomial likelihood; the
 *   VAE's KL weight annealed linearly to 0.2 over 200,000 steps (the paper's
 *   anneal_cap and total_anneal_steps); Adam 1e-3 (beta2 0.999), batch 500.
 *   These are the CLI's presets `--variant mult-vae` and `mult-dae`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(root, 'packages/cli/bin/hourglass.cjs');

/** The CLI's split seed and defaults (packages/cli/src/data.ts, recommender-data.ts). */
export const SPLIT = { seed: 12345, test: 0.1, foldIn: 0.8 };

/**
 * AutoRec's L2 weight (`--weight-decay`, added to every gradient) and
 * epochs: chosen on synthetic ratings of ML-1M's density (synthetic.mjs's
 * 2,000 x 800, 5%): I-AutoRec test RMSE 0.784 / 0.757 / 0.860 after 20 / 40
 * / 100 epochs at 1e-3; 0.798 at 3e-3 and 0.879 at 1e-2 after 40 epochs,
 * 0.879 at 3e-4 and 0.803 at 3e-3 after 100 (no decay: 0.779 after 20).
 */
export const AUTOREC = { weightDecay: '1e-3', epochs: 40 };

/** `hourglass train` flags of AutoRec with `rows` rows ('items': I-AutoRec, 'users': U-AutoRec), without `--epochs`. */
export function autorec(rows) {
  return ['--variant', 'autorec', '--set', 'autorec.hidden=500', '--rows', rows, '--test', String(SPLIT.test), '--weight-decay', AUTOREC.weightDecay,
    '--batch-size', '64', '--lr', '1e-3', '--schedule', 'constant', '--beta2', '0.999'];
}

const MULT = ['--batch-size', '500', '--lr', '1e-3', '--schedule', 'constant', '--beta2', '0.999', '--fold-in', String(SPLIT.foldIn)];

/**
 * `hourglass train` flags of Mult-VAE (the preset: the paper's sizes,
 * dropout, and KL cap 0.2), its KL weight reaching 0.2 after `anneal` steps
 * (the paper: 200,000).
 */
export function multVae(anneal = 200_000) {
  return ['--variant', 'mult-vae', '--set', `variational.anneal=${anneal}`, ...MULT];
}

/** `hourglass train` flags of Mult-DAE (the preset: the architecture's own 200-unit tanh code, dropout 0.5). */
export function multDae() {
  return ['--variant', 'mult-dae', ...MULT];
}

/**
 * Runs the built CLI; resolves to the last line of stdout as JSON. Progress
 * (stderr) is passed through when `verbose`.
 *
 * @example
 * const summary = await hourglass(['train', '--data', 'u.data', '--json', '--out', dir]);
 */
export function hourglass(args, verbose = false) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', verbose ? 'inherit' : 'pipe'] });
    let [out, err] = ['', ''];
    child.stdout.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0 ? done(JSON.parse(out.trim().split('\n').pop())) : fail(new Error(`hourglass ${args.join(' ')} exited ${code}: ${err.trim().split('\n').pop() ?? ''}`)),
    );
  });
}

/**
 * Trains a recommender on `data` (`flags`: recipe and training flags, e.g.
 * `--epochs`) on `backend` and, when `baselines`, evaluates it for the
 * baselines on the same split. `format` is passed as `--format` to both
 * (for files the CLI does not detect as ratings). Resolves to the model's
 * figures (the `recommender` part of the summary without kind and rows),
 * the seconds training took and the baselines (or null). The run directory
 * is removed.
 *
 * @example
 * const { figures, baselines } = await trainRecommender('ratings.dat', [...autorec('items'), '--epochs', '50'], { backend: 'node', baselines: true });
 */
export async function trainRecommender(data, flags, { backend = 'auto', baselines = false, format, verbose = false } = {}) {
  const out = await mkdtemp(join(tmpdir(), 'hourglass-bench-recommend-'));
  const common = ['--data', data, ...(format ? ['--format', format] : []), '--backend', backend, '--json'];
  try {
    const started = Date.now();
    const summary = await hourglass(['train', ...common, ...flags, ...(verbose ? [] : ['--quiet']), '--out', out], verbose);
    const seconds = (Date.now() - started) / 1000;
    const { kind: _kind, rows: _rows, ...figures } = summary.recommender;
    const evaluated = baselines ? (await hourglass(['evaluate', '--model', join(out, 'model'), ...common])).baselines : null;
    return { figures, seconds, baselines: evaluated };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The ranking figures printed, in order. */
export const RANKING = ['recallAt20', 'recallAt50', 'ndcgAt100'];

/** "0.8312" or "skipped (why)" for a figure or a skipped baseline. */
export function show(value) {
  if (value && typeof value === 'object' && 'skipped' in value) return `skipped (${value.skipped})`;
  return typeof value === 'number' ? value.toFixed(4) : String(value);
}

/** One line of ranking figures: "Recall@20 0.3950  Recall@50 0.5370  NDCG@100 0.4260" (or why it was skipped). */
export function rankingLine(f) {
  if (f && 'skipped' in f) return show(f);
  return `Recall@20 ${show(f.recallAt20)}  Recall@50 ${show(f.recallAt50)}  NDCG@100 ${show(f.ndcgAt100)}`;
}

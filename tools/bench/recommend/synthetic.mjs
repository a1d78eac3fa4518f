#!/usr/bin/env node
/**
 * The recommenders on synthetic data with a known truth, through `hourglass
 * train` and `evaluate`, beside the baselines and the best possible figure:
 *
 * (a) ratings: syntheticRatings (2,000 users x 800 items, 5% observed,
 *     rank 10, noise sigma 0.5, not rounded), 10% of each user's ratings
 *     held out. I-AutoRec and U-AutoRec (common.mjs's recipe) RMSE beside
 *     the four rating baselines, the noise floor sigma, and the oracle: the
 *     noiseless truth.score of each held-out rating (its RMSE is sigma up to
 *     sampling and clipping).
 * (b) clicks: syntheticImplicit (5,000 users x 1,000 items, 2% observed,
 *     rank 10), 500 users held out, 80% of their clicks as input. Mult-VAE
 *     and Mult-DAE Recall@20, Recall@50 and NDCG@100 beside popularity,
 *     EASE, and the true preferences (truth.scores ranking every item but the
 *     fold-in ones: the best ranking in expectation), scored with core's
 *     metrics on the same held-out users:
 *     this script reads the file as the CLI does and splits it with
 *     splitRatings / splitUsers and the CLI's seed, so the split is the same.
 *     The paper recipe at this size: batch 500 (9 batches an epoch), the KL
 *     weight annealed to 0.2 over the whole run rather than over 200,000
 *     steps (which would keep it near 0 here).
 *
 *   node tools/bench/recommend/synthetic.mjs [--quick] [--part ratings,clicks]
 *        [--autorec-epochs 40] [--mult-epochs 100] [--backend auto]
 *
 * `--quick`: small sets (300 x 100 ratings, 600 x 150 clicks) and 2 epochs
 * (a smoke run: the figures mean little). Readable lines, then one JSON line.
 *
 * Measured at the defaults (native backend, 2 busy cores, 8.8 min in all):
 *
 *   ratings RMSE: I-AutoRec 0.7572, U-AutoRec 1.1664; baselines global mean
 *     0.9542, user mean 0.8810, item mean 0.8574, biased 0.7699; floor sigma
 *     0.5, oracle 0.4870 (8,006 held-out ratings).
 *   clicks Recall@20 / Recall@50 / NDCG@100 (322 held-out users with
 *     clicks to predict): Mult-VAE 0.3922 / 0.5229 / 0.3267, Mult-DAE
 *     0.3940 / 0.5207 / 0.3150, popularity 0.3897 / 0.5069 / 0.3217, EASE
 *     0.3801 / 0.4889 / 0.3190, true preferences 0.4714 / 0.5718 / 0.3798.
 *
 * I-AutoRec beats every baseline (the biased one by 0.013) but stays far
 * above the floor; U-AutoRec (40 ratings a row here) overfits within the 40
 * epochs: 0.883 after 10 epochs, 0.923 with weight decay 1e-2. After 50 epochs instead of 100
 * Mult-VAE had 0.4013 / 0.5211 / 0.3291 and Mult-DAE 0.3749 / 0.5046 /
 * 0.3101. The popularity baseline is strong because the clicks follow a
 * Zipf-like popularity.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ndcgAtK, recallAtK, rmse } from '@hourglass/core';
import { readInteractions, splitRatings, splitUsers, syntheticImplicit, syntheticRatings } from '@hourglass/data';
import { AUTOREC, SPLIT, autorec, multDae, multVae, rankingLine, show, trainRecommender } from './common.mjs';

const { values: o } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    part: { type: 'string', default: 'ratings,clicks' },
    'autorec-epochs': { type: 'string' },
    'mult-epochs': { type: 'string' },
    backend: { type: 'string', default: process.env.BENCH_BACKEND ?? 'auto' },
  },
});
const parts = new Set(o.part.split(','));
const SIZES = o.quick
  ? { ratings: { users: 300, items: 100, density: 0.1 }, clicks: { users: 600, items: 150, density: 0.08 } }
  : { ratings: { users: 2000, items: 800, density: 0.05 }, clicks: { users: 5000, items: 1000, density: 0.02 } };
const autorecEpochs = Number(o['autorec-epochs'] ?? (o.quick ? 2 : AUTOREC.epochs));
const multEpochs = Number(o['mult-epochs'] ?? (o.quick ? 2 : 100));
const BATCH = 500; // Mult-VAE's batch (common.mjs)

/** Writes `inter` as a `user,item,rating` CSV of its ids. */
async function writeRatings(file, inter) {
  const lines = ['user,item,rating'];
  for (let u = 0; u < inter.users; u++)
    for (let p = inter.rowStart[u]; p < inter.rowStart[u + 1]; p++) lines.push(`${inter.userIds[u]},${inter.itemIds[inter.itemIndex[p]]},${inter.values[p]}`);
  await writeFile(file, lines.join('\n') + '\n');
}

const dir = await mkdtemp(join(tmpdir(), 'hourglass-bench-synthetic-'));
const started = Date.now();
const result = { bench: 'recommend-synthetic', quick: o.quick, backend: o.backend, sizes: SIZES };
const train = (file, flags, baselines) => trainRecommender(file, flags, { backend: o.backend, baselines, format: 'ratings', verbose: !o.quick });
try {
  if (parts.has('ratings')) {
    const { interactions, truth } = syntheticRatings({ ...SIZES.ratings, rank: 10, sigma: 0.5, seed: 1 });
    const file = join(dir, 'ratings.csv');
    await writeRatings(file, interactions);
    // the CLI's split of the file as it reads it; ids are the generator's indices
    const { test } = splitRatings(await readInteractions(file), { test: SPLIT.test, seed: SPLIT.seed });
    const oracle = new Float32Array(test.count);
    for (let u = 0; u < test.users; u++)
      for (let p = test.rowStart[u]; p < test.rowStart[u + 1]; p++) oracle[p] = truth.score(Number(test.userIds[u]), Number(test.itemIds[test.itemIndex[p]]));
    const floor = { sigma: truth.sigma, oracle: rmse(oracle, test.values) };
    console.log(`ratings: ${interactions.users} users x ${interactions.items} items, ${interactions.count} ratings, ${test.count} held out; floor: sigma ${show(floor.sigma)}, oracle RMSE ${show(floor.oracle)}`);
    const models = {};
    let baselines = null;
    for (const [name, rows] of [['I-AutoRec', 'items'], ['U-AutoRec', 'users']]) {
      const r = await train(file, [...autorec(rows), '--epochs', String(autorecEpochs)], baselines === null);
      baselines ??= r.baselines;
      models[name] = { ...r.figures, seconds: r.seconds };
      console.log(`ratings ${name}: RMSE ${show(r.figures.rmse)}, MAE ${show(r.figures.mae)} (${autorecEpochs} epochs, ${r.seconds.toFixed(0)} s)`);
    }
    console.log(`ratings baselines RMSE: global mean ${show(baselines.globalMean.rmse)}, user mean ${show(baselines.userMean.rmse)}, item mean ${show(baselines.itemMean.rmse)}, biased ${show(baselines.biased.rmse)}`);
    result.ratings = { count: interactions.count, heldOut: test.count, epochs: autorecEpochs, floor, models, baselines };
  }

  if (parts.has('clicks')) {
    const { interactions, truth } = syntheticImplicit({ ...SIZES.clicks, rank: 10, seed: 2 });
    const file = join(dir, 'clicks.csv');
    await writeRatings(file, interactions);
    const { train: trainPart, foldIn, target } = splitUsers(await readInteractions(file, { implicit: true }), { heldOut: SPLIT.test, foldIn: SPLIT.foldIn, seed: SPLIT.seed });
    // the true preferences of the held-out users over the split's items (its own column order)
    const items = foldIn.itemIds.map(Number);
    const scores = new Float32Array(foldIn.users * items.length);
    const row = new Float32Array(interactions.items);
    for (let r = 0; r < foldIn.users; r++) {
      truth.scores(Number(foldIn.userIds[r]), row);
      for (let c = 0; c < items.length; c++) scores[r * items.length + c] = row[items[c]];
    }
    const [heldOut, exclude] = [target.asSparseRows(), foldIn.asSparseRows()];
    const r20 = recallAtK(scores, heldOut, 20, exclude);
    const best = { recallAt20: r20.mean, recallAt50: recallAtK(scores, heldOut, 50, exclude).mean, ndcgAt100: ndcgAtK(scores, heldOut, 100, exclude).mean, users: r20.users };
    console.log(`clicks: ${interactions.users} users x ${interactions.items} items, ${interactions.count} clicks, ${foldIn.users} held-out users (${best.users} with clicks to predict); true preferences: ${rankingLine(best)}`);
    const anneal = multEpochs * Math.ceil(trainPart.users / BATCH); // the KL weight reaches 0.2 at the last step
    const models = {};
    let baselines = null;
    for (const [name, flags] of [['Mult-VAE', multVae(anneal)], ['Mult-DAE', multDae()]]) {
      const r = await train(file, [...flags, '--test', String(SPLIT.test), '--epochs', String(multEpochs)], baselines === null);
      baselines ??= r.baselines;
      models[name] = { ...r.figures, seconds: r.seconds };
      console.log(`clicks ${name}: ${rankingLine(r.figures)} (${multEpochs} epochs, ${r.seconds.toFixed(0)} s)`);
    }
    console.log(`clicks popularity: ${rankingLine(baselines.popularity)}`);
    console.log(`clicks EASE: ${rankingLine(baselines.ease)}`);
    result.clicks = { count: interactions.count, heldOutUsers: foldIn.users, epochs: multEpochs, anneal, best, models, baselines };
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
result.minutes = (Date.now() - started) / 60000;
console.log(`synthetic: ${result.minutes.toFixed(1)} min`);
console.log(JSON.stringify(result));

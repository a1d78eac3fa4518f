/**
 * Recommenders from the command line as a user runs them: `train` on a
 * ratings file (ratings: AutoRec, predictions in stars, ratings held out;
 * clicks: the multinomial model, users held out), `evaluate` redoing the
 * split beside the baselines, `recommend` in the file's own ids without
 * what the user already has, resuming, and the errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { syntheticImplicit, syntheticRatings, type Interactions } from '@hourglass/data';
import { hourglass, tempDir } from './in-process.js';

const dir = tempDir();
/** The lines of a ratings file, with ids that are not row numbers ("u7", "m12"), so the id mapping shows. */
const lines = (inter: Interactions, sep: string, value: (v: number) => number) => {
  const out: string[] = [];
  for (let u = 0; u < inter.users; u++)
    for (let p = inter.rowStart[u]; p < inter.rowStart[u + 1]; p++) out.push([`u${inter.userIds[u]}`, `m${inter.itemIds[inter.itemIndex[p]]}`, value(inter.values[p]), 881250949].join(sep));
  return out;
};
const ratings = syntheticRatings({ users: 150, items: 60, rank: 3, density: 0.25, sigma: 0.3, step: 1, seed: 4 }).interactions;
const clicks = syntheticImplicit({ users: 300, items: 90, rank: 3, density: 0.1, seed: 8 }).interactions;
const ratingsFile = join(dir, 'u.data');
const clicksFile = join(dir, 'ratings.dat');
const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);
beforeAll(async () => {
  await writeFile(ratingsFile, lines(ratings, '\t', (v) => v).join('\n') + '\n');
  // ratings 5 for the clicks, and as many ratings of 1 for other items, which --min-rating 4 drops
  const low = lines(clicks, '::', () => 1).map((l) => l.replace(/::m(\d+)::/, (_, j) => `::m${(Number(j) + 45) % 90}x::`));
  await writeFile(clicksFile, [...lines(clicks, '::', () => 5), ...low].join('\n') + '\n');
});
const base = ['--backend', 'cpu', '--quiet', '--batch-size', '16', '--schedule', 'constant', '--lr', '0.01'];

describe('hourglass train / evaluate / recommend on ratings (AutoRec)', () => {
  const out = join(dir, 'autorec');
  let summary: { recommender: Record<string, number | string>; trainLoss: number };

  it('trains item-based AutoRec on u.data: ratings held out, RMSE and MAE on them, beside the baselines in evaluate', async () => {
    const r = await hourglass('train', '--variant', 'autorec', '--data', ratingsFile, '--set', 'autorec.hidden=24', '--epochs', '25', ...base, '--json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    summary = json(r.stdout);
    expect(summary.recommender).toMatchObject({ kind: 'ratings', rows: 'items' });
    const model = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    const rec = model.metadata.recommender;
    expect(rec.columnIds).toHaveLength(150); // item rows: one column per user, in the file's ids
    expect(rec.columnIds.every((id: string) => /^u\d+$/.test(id))).toBe(true);
    expect(rec.ratingRange).toEqual([1, 5]);
    expect(rec.split).toEqual({ seed: 12345, test: 0.1 });
    expect(rec.interactions).toBe(ratings.count);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.train.optimizer.weightDecay).toBe(0.01); // the ratings default
    // about a tenth of the ratings held out
    expect(Number(summary.recommender.ratings)).toBeGreaterThan(0.07 * ratings.count);
    expect(Number(summary.recommender.ratings)).toBeLessThan(0.13 * ratings.count);

    const e = await hourglass('evaluate', '--model', join(out, 'model'), '--data', ratingsFile, '--backend', 'cpu', '--json');
    expect(e.code, e.stderr).toBe(0);
    const ev = json(e.stdout);
    expect(ev.rmse).toBeCloseTo(Number(summary.recommender.rmse), 5); // the same split, the same held-out ratings
    expect(ev.ratings).toBe(summary.recommender.ratings);
    expect(Object.keys(ev.baselines).sort()).toEqual(['biased', 'globalMean', 'itemMean', 'userMean']);
    for (const b of Object.values(ev.baselines) as { rmse: number; mae: number }[]) expect(b.rmse).toBeGreaterThan(b.mae);
    const i = await hourglass('inspect', '--model', join(out, 'model'), '--backend', 'cpu');
    expect(i.stdout).toContain('recommender: ratings, one row per item over 150 users, ratings 1 to 5; split {"seed":12345,"test":0.1}');
    expect(i.stdout).toContain(`held out: rmse ${Number(summary.recommender.rmse).toFixed(4)}, mae`);
    console.log(`AutoRec RMSE ${ev.rmse.toFixed(4)}; global mean ${ev.baselines.globalMean.rmse.toFixed(4)}, biased ${ev.baselines.biased.rmse.toFixed(4)}`);
    expect(ev.rmse).toBeLessThan(ev.baselines.globalMean.rmse);
  }, 120_000);

  it('recommends in stars and the file\'s ids, never an item the user already rated', async () => {
    const r = await hourglass('recommend', '--model', join(out, 'model'), '--data', ratingsFile, '--user', 'u0,u3', '--top', '5', '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const tops = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(tops.map((t) => t.user)).toEqual(['u0', 'u3']);
    for (const t of tops) {
      const u = ratings.userIndexOf(t.user.slice(1));
      const seen = new Set(Array.from(ratings.itemIndex.subarray(ratings.rowStart[u], ratings.rowStart[u + 1]), (j) => `m${ratings.itemIds[j]}`));
      expect(t.items).toHaveLength(5);
      for (const it of t.items) {
        expect(seen.has(it.item)).toBe(false);
        expect(it.item).toMatch(/^m\d+$/);
        expect(it.score).toBeGreaterThanOrEqual(1);
        expect(it.score).toBeLessThanOrEqual(5);
      }
      const scores = t.items.map((it: { score: number }) => it.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    const csvOut = join(dir, 'top.csv');
    const all = await hourglass('recommend', '--model', join(out, 'model'), '--data', ratingsFile, '--all-users', '--top', '2', '--out', csvOut, '--backend', 'cpu');
    expect(all.code, all.stderr).toBe(0);
    const rows = (await readFile(csvOut, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('user,rank,item,score');
    // two per user, fewer for a user who already rated all but one item or all of them
    const expected = Array.from({ length: ratings.users }, (_, u) => Math.min(2, ratings.items - ratings.rowLength(u))).reduce((a, b) => a + b, 0);
    expect(rows).toHaveLength(1 + expected);
  }, 60_000);

  it('names unknown users, and users an item-based model never trained on', async () => {
    const r = await hourglass('recommend', '--model', join(out, 'model'), '--data', ratingsFile, '--user', 'u9999', '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('user "u9999" is not in the file (150 users)');
    const newcomer = join(dir, 'new-user.data');
    await writeFile(newcomer, 'newbie\tm1\t4\t0\nu0\tm2\t3\t0\n');
    const n = await hourglass('recommend', '--model', join(out, 'model'), '--data', newcomer, '--user', 'newbie', '--backend', 'cpu');
    expect(n.code).toBe(1);
    expect(n.stderr).toContain('user "newbie" was not among the 150 users the item-based model trained on');
    const enc = await hourglass('encode', '--model', join(out, 'model'), '--data', ratingsFile, '--out', join(dir, 'codes.csv'), '--backend', 'cpu');
    expect(enc.code).toBe(2);
    expect(enc.stderr).toContain('is a recommender (trained on a ratings file): its rows are built from a ratings file\'s ids, so use hourglass recommend or hourglass evaluate');
    const e = await hourglass('evaluate', '--model', join(out, 'model'), '--data', newcomer, '--backend', 'cpu');
    expect(e.code).toBe(1);
    expect(e.stderr).toContain(`has 2 interactions as the model reads it, the model was trained on a file of ${ratings.count}`);
  }, 60_000);

  it('refuses flags that mean nothing for ratings, with the reason', async () => {
    const r = await hourglass('train', '--variant', 'autorec', '--data', ratingsFile, '--window', '8', '--backend', 'cpu', '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--window cuts time series, and');
    const c = await hourglass('train', '--variant', 'autorec', '--data', ratingsFile, '--implicit', '--rows', 'items', '--backend', 'cpu', '--out', join(dir, 'y'));
    expect(c.stderr).toContain('--rows items: a clicks model reads users');
    const b = await hourglass('train', '--data', ratingsFile, '--loss', 'bce', '--backend', 'cpu', '--out', join(dir, 'z'));
    expect(b.stderr).toContain('u.data: binary cross-entropy needs values in [0, 1], and these ratings run from 1 to 5; use --loss mse');
  });

  it('a run stopped and resumed ends as an uninterrupted one (each epoch\'s order comes from the seed and the epoch)', async () => {
    const args = ['train', '--variant', 'autorec', '--data', ratingsFile, '--rows', 'users', '--set', 'autorec.hidden=8', ...base, '--json'];
    const whole = json((await hourglass(...args, '--epochs', '3', '--out', join(dir, 'whole'))).stdout);
    await hourglass(...args, '--epochs', '2', '--out', join(dir, 'parts'));
    const resumed = await hourglass(...args, '--epochs', '3', '--resume', '--out', join(dir, 'parts'));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(json(resumed.stdout).trainLoss).toBe(whole.trainLoss);
    expect(json(resumed.stdout).recommender.rmse).toBe(whole.recommender.rmse);
  }, 120_000);
});

describe('hourglass train / evaluate / recommend on clicks (multinomial)', () => {
  const out = join(dir, 'mult');

  it('reads ratings.dat as clicks at or above --min-rating, holds out users, and ranks beside popularity and EASE', async () => {
    const r = await hourglass('train', '--variant', 'mult-vae', '--data', clicksFile, '--min-rating', '4', '--hidden', '32', '--epochs', '20', ...base, '--json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const s = json(r.stdout);
    expect(s.recommender).toMatchObject({ kind: 'clicks', rows: 'users' });
    const rec = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8')).metadata.recommender;
    expect(rec.minRating).toBe(4);
    expect(rec.interactions).toBe(clicks.count);
    expect(rec.columnIds.some((id: string) => id.endsWith('x'))).toBe(false);
    const e = await hourglass('evaluate', '--model', join(out, 'model'), '--data', clicksFile, '--backend', 'cpu', '--json');
    expect(e.code, e.stderr).toBe(0);
    const ev = json(e.stdout);
    expect(ev.recallAt20).toBeCloseTo(s.recommender.recallAt20, 6);
    expect(Object.keys(ev.baselines).sort()).toEqual(['ease', 'popularity']);
    for (const v of [ev.recallAt20, ev.recallAt50, ev.ndcgAt100, ev.baselines.ease.ndcgAt100]) expect(v).toBeGreaterThan(0);
    expect(ev.recallAt50).toBeGreaterThanOrEqual(ev.recallAt20 - 1e-9);
    console.log(`multinomial Recall@20 ${ev.recallAt20.toFixed(4)}, popularity ${ev.baselines.popularity.recallAt20.toFixed(4)}, EASE ${ev.baselines.ease.recallAt20.toFixed(4)}`);
  }, 120_000);

  it('serves a user it never saw from their clicks (user rows), dropping items it does not know', async () => {
    const fresh = join(dir, 'fresh.csv');
    await writeFile(fresh, 'userId,movieId,rating,timestamp\nnew,m1,5,0\nnew,m2,5,0\nnew,unknown,5,0\n');
    const r = await hourglass('recommend', '--model', join(out, 'model'), '--data', fresh, '--user', 'new', '--top', '4', '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout.trim());
    expect(t.user).toBe('new');
    expect(t.items.map((i: { item: string }) => i.item)).not.toContain('m1');
    expect(t.items.map((i: { item: string }) => i.item)).not.toContain('m2');
    const sum = t.items.reduce((a: number, i: { score: number }) => a + i.score, 0);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(1); // probabilities of a multinomial over the items
  }, 60_000);
});

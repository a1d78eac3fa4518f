/**
 * The MovieLens benchmark runs end to end on files in MovieLens' own
 * formats (ratings.dat of ML-1M with `::`, ratings.csv of ML-20M with its
 * header and half stars), small and made up here, with `--quick`: every
 * model trains through the CLI, and the JSON line holds finite figures
 * beside the papers'.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hourglass-recommend-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ratings with a user and an item effect, on MovieLens' scale in steps of `step`, from a seeded generator. */
function ratings(users: number, items: number, perUser: number, step: number, seed: number): [number, number, number][] {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const itemEffect = Array.from({ length: items }, () => rand() * 2 - 1);
  const out: [number, number, number][] = [];
  for (let u = 0; u < users; u++) {
    const userEffect = rand() * 2 - 1;
    const seen = new Set<number>();
    while (seen.size < perUser) seen.add(Math.floor(rand() ** 2 * items)); // popular items first
    for (const i of seen) {
      const r = 3 + userEffect + itemEffect[i] + (rand() - 0.5);
      out.push([u + 1, i + 1, Math.min(5, Math.max(step, Math.round(r / step) * step))]);
    }
  }
  return out;
}

const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(process.execPath, [resolve(__dirname, '../bench/recommend/movielens.mjs'), ...args], { maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
      done({ code: err ? 1 : 0, stdout, stderr }),
    ),
  );

describe('tools/bench/recommend/movielens.mjs', () => {
  it('runs both protocols on ratings.dat and ratings.csv with --quick, printing finite figures beside the papers\'', async () => {
    const ml1m = join(dir, 'ratings.dat');
    const ml20m = join(dir, 'ratings.csv');
    writeFileSync(ml1m, ratings(120, 60, 15, 1, 1).map(([u, i, r]) => `${u}::${i}::${r}::978300760`).join('\n') + '\n');
    writeFileSync(ml20m, 'userId,movieId,rating,timestamp\n' + ratings(300, 80, 20, 0.5, 2).map(([u, i, r]) => `${u},${i},${r.toFixed(1)},1112486027`).join('\n') + '\n');
    const r = await run(['--ml1m', ml1m, '--ml20m', ml20m, '--quick', '--held-out', '40', '--backend', 'cpu']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(r.stdout).toContain('ML-1M I-AutoRec: RMSE');
    expect(r.stdout).toContain('(paper 0.831)');

    const { models: autorec, baselines: ratingBaselines } = out.ml1m;
    expect(Object.keys(autorec)).toEqual(['I-AutoRec', 'U-AutoRec']);
    expect(autorec['I-AutoRec'].paper).toEqual({ rmse: 0.831 });
    expect(autorec['U-AutoRec'].paper).toEqual({ rmse: 0.874 });
    expect(ratingBaselines.biased.paper).toEqual({ rmse: 0.845 });
    for (const f of [...Object.values(autorec), ...Object.values(ratingBaselines)] as { rmse: number; mae: number }[]) {
      expect(Number.isFinite(f.rmse) && f.rmse > 0).toBe(true);
      expect(Number.isFinite(f.mae) && f.mae > 0).toBe(true);
    }

    const { models: mult, baselines: rankingBaselines, heldOut } = out.ml20m;
    expect(heldOut).toBe(40);
    expect(mult['Mult-VAE'].paper).toEqual({ recallAt20: 0.395, recallAt50: 0.537, ndcgAt100: 0.426 });
    expect(mult['Mult-DAE'].paper).toEqual({ recallAt20: 0.387, recallAt50: 0.524, ndcgAt100: 0.419 });
    expect(rankingBaselines.ease.paper).toEqual({ recallAt20: 0.391, recallAt50: 0.521, ndcgAt100: 0.42 });
    for (const f of [mult['Mult-VAE'], mult['Mult-DAE'], rankingBaselines.popularity, rankingBaselines.ease]) {
      for (const k of ['recallAt20', 'recallAt50', 'ndcgAt100']) {
        expect(Number.isFinite(f[k]), k).toBe(true);
        expect(f[k]).toBeGreaterThanOrEqual(0);
        expect(f[k]).toBeLessThanOrEqual(1);
      }
    }
    expect(mult['Mult-VAE'].users).toBeGreaterThan(20); // held-out users with 5 or more clicks
  }, 90_000);
});

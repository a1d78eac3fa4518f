import { describe, expect, it } from 'vitest';
import { syntheticImplicit, syntheticRatings } from '../src/index.js';

describe('syntheticRatings', () => {
  it('draws ratings around a known low-rank truth: the noise sigma comes back from ratings minus truth', () => {
    const { interactions, truth } = syntheticRatings({ users: 1500, items: 400, rank: 5, density: 0.05, sigma: 0.4, seed: 1 });
    expect([interactions.users, interactions.items]).toEqual([1500, 400]);
    expect(Math.abs(interactions.count / (1500 * 400) - 0.05)).toBeLessThan(0.005);
    expect([truth.userFactors.length, truth.itemFactors.length, truth.userBias.length, truth.itemBias.length]).toEqual([1500 * 5, 400 * 5, 1500, 400]);
    let se = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let u = 0; u < interactions.users; u++) {
      for (let p = interactions.rowStart[u]; p < interactions.rowStart[u + 1]; p++) {
        const r = interactions.values[p];
        se += (r - truth.score(u, interactions.itemIndex[p])) ** 2;
        lo = Math.min(lo, r);
        hi = Math.max(hi, r);
      }
    }
    // clipping to [1, 5] trims a little of the noise
    expect(Math.sqrt(se / interactions.count)).toBeGreaterThan(0.34);
    expect(Math.sqrt(se / interactions.count)).toBeLessThan(0.42);
    expect(lo).toBeGreaterThanOrEqual(1);
    expect(hi).toBeLessThanOrEqual(5);
    expect(truth.sigma).toBe(0.4);
  });

  it('skews item popularity and user activity, rounds to a step, and repeats for a seed', () => {
    const options = { users: 800, items: 300, density: 0.05, skew: 1, step: 0.5, seed: 7 };
    const { interactions } = syntheticRatings(options);
    for (const v of interactions.values) expect((v - 1) * 2).toBe(Math.round((v - 1) * 2));
    const byItem = interactions.transpose();
    const perItem = Array.from({ length: 300 }, (_, j) => byItem.rowLength(j)).sort((a, b) => b - a);
    expect(perItem[0]).toBeGreaterThan(5 * perItem[150]);
    const perUser = Array.from({ length: 800 }, (_, u) => interactions.rowLength(u)).sort((a, b) => b - a);
    expect(perUser[0]).toBeGreaterThan(5 * perUser[400]);
    expect(Math.min(...perUser)).toBeGreaterThanOrEqual(1);
    const again = syntheticRatings(options).interactions;
    expect(Array.from(again.itemIndex)).toEqual(Array.from(interactions.itemIndex));
    expect(Array.from(again.values)).toEqual(Array.from(interactions.values));
    expect(Array.from(syntheticRatings({ ...options, seed: 8 }).interactions.itemIndex)).not.toEqual(Array.from(interactions.itemIndex));
    expect(() => syntheticRatings({ ...options, density: 0 })).toThrow(/density/);
  });
});

describe('syntheticImplicit', () => {
  it('draws clicks from the softmax of known scores: clicked items score higher than the rest', () => {
    const { interactions, truth } = syntheticImplicit({ users: 600, items: 500, rank: 8, density: 0.03, skew: 0.5, seed: 3 });
    expect([interactions.users, interactions.items]).toEqual([600, 500]);
    expect(Math.abs(interactions.count / (600 * 500) - 0.03)).toBeLessThan(0.004);
    for (const v of interactions.values) expect(v).toBe(1);
    // the true scores rank the user's own clicks well above chance (AUC well over 0.5)
    const scores = new Float32Array(500);
    let auc = 0;
    for (let u = 0; u < 100; u++) {
      truth.scores(u, scores);
      const clicked = new Set(Array.from(interactions.itemIndex.subarray(interactions.rowStart[u], interactions.rowStart[u + 1])));
      let wins = 0;
      let pairs = 0;
      for (const i of clicked) for (let j = 0; j < 500; j++) if (!clicked.has(j)) {
        pairs++;
        wins += scores[i] > scores[j] ? 1 : 0;
      }
      auc += wins / pairs / 100;
    }
    expect(auc).toBeGreaterThan(0.75);
    const again = syntheticImplicit({ users: 600, items: 500, rank: 8, density: 0.03, skew: 0.5, seed: 3 }).interactions;
    expect(Array.from(again.itemIndex)).toEqual(Array.from(interactions.itemIndex));
  });

  it('fills a user up to every item when the density asks for it', () => {
    const { interactions } = syntheticImplicit({ users: 5, items: 20, density: 1, seed: 1 });
    expect(interactions.count).toBe(100);
  });
});

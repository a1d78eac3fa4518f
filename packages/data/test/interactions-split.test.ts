import { describe, expect, it } from 'vitest';
import { splitRatings, splitUsers, syntheticRatings, type Interactions } from '../src/index.js';

/** Every interaction as "userId/itemId" -> value. */
function cells(inter: Interactions): Map<string, number> {
  const out = new Map<string, number>();
  for (let u = 0; u < inter.users; u++) {
    for (let p = inter.rowStart[u]; p < inter.rowStart[u + 1]; p++) out.set(`${inter.userIds[u]}/${inter.itemIds[inter.itemIndex[p]]}`, inter.values[p]);
  }
  return out;
}

const { interactions: data } = syntheticRatings({ users: 400, items: 150, density: 0.05, seed: 3 });

describe('splitRatings', () => {
  it('holds out about a fraction of each user\'s ratings, every rating in exactly one part', () => {
    const { train, test } = splitRatings(data, { test: 0.2, seed: 1 });
    expect(train.userIds).toBe(data.userIds);
    expect(test.itemIds).toBe(data.itemIds);
    expect(train.count + test.count).toBe(data.count);
    expect(Math.abs(test.count / data.count - 0.2)).toBeLessThan(0.03);
    const all = cells(data);
    const a = cells(train);
    const b = cells(test);
    for (const [key, value] of b) {
      expect(a.has(key)).toBe(false);
      expect(all.get(key)).toBe(value);
    }
    for (const [key, value] of a) expect(all.get(key)).toBe(value);
    for (let u = 0; u < data.users; u++) if (data.rowLength(u) >= 1) expect(train.rowLength(u)).toBeGreaterThanOrEqual(1);
  });

  it('is the same for the same seed and differs for another', () => {
    const one = splitRatings(data, { test: 0.1, seed: 5 }).test;
    const two = splitRatings(data, { test: 0.1, seed: 5 }).test;
    const other = splitRatings(data, { test: 0.1, seed: 6 }).test;
    expect(Array.from(one.itemIndex)).toEqual(Array.from(two.itemIndex));
    expect(Array.from(one.rowStart)).toEqual(Array.from(two.rowStart));
    expect(Array.from(one.itemIndex)).not.toEqual(Array.from(other.itemIndex));
  });

  it('keeps one training rating per user even at a high fraction', () => {
    const { train, test } = splitRatings(data, { test: 0.99, seed: 2 });
    for (let u = 0; u < data.users; u++) {
      const n = data.rowLength(u);
      expect(train.rowLength(u)).toBeGreaterThanOrEqual(1);
      expect(train.rowLength(u)).toBeLessThanOrEqual(Math.max(1, n - Math.floor(0.99 * n)));
    }
    expect(test.count / data.count).toBeGreaterThan(0.8);
    expect(() => splitRatings(data, { test: 1, seed: 0 })).toThrow(/fraction/);
  });
});

describe('splitUsers', () => {
  it('holds out users and splits their interactions into fold-in and target over the training items', () => {
    const { train, foldIn, target } = splitUsers(data, { heldOut: 50, foldIn: 0.8, seed: 9 });
    expect(train.users).toBe(350);
    expect(foldIn.userIds).toBe(target.userIds);
    expect(foldIn.itemIds).toBe(train.itemIds);
    expect(target.itemIds).toBe(train.itemIds);
    const trainUsers = new Set(train.userIds);
    for (const id of foldIn.userIds) expect(trainUsers.has(id)).toBe(false);
    // every held-out interaction with a training item is in exactly one part, unchanged
    const all = cells(data);
    const seenItems = new Set(train.itemIds);
    const a = cells(foldIn);
    const b = cells(target);
    let expected = 0;
    for (const [key, value] of all) {
      const [user, item] = key.split('/');
      if (trainUsers.has(user) || !seenItems.has(item)) continue;
      expected++;
      expect(a.has(key) !== b.has(key), key).toBe(true);
      expect(a.get(key) ?? b.get(key)).toBe(value);
    }
    expect(a.size + b.size).toBe(expected);
    // the paper's rule: floor(0.2 n) targets for users with n >= 5 (float error absorbed: 0.2 * 5 is 1)
    for (let u = 0; u < foldIn.users; u++) {
      const n = foldIn.rowLength(u) + target.rowLength(u);
      expect(target.rowLength(u), `user ${foldIn.userIds[u]} of ${n}`).toBe(n >= 5 ? Math.floor(0.2 * n + 1e-9) : 0);
    }
  });

  it('drops items seen only in held-out users, and takes a fraction of users', () => {
    const { interactions } = syntheticRatings({ users: 60, items: 400, density: 0.01, skew: 1.5, seed: 4 });
    const { train, foldIn, target } = splitUsers(interactions, { heldOut: 0.25, seed: 1 });
    expect(train.users).toBe(45);
    expect(train.items).toBeLessThan(interactions.items);
    for (let j = 0; j < train.items; j++) expect(train.transpose().rowLength(j)).toBeGreaterThan(0);
    expect(foldIn.count + target.count).toBeGreaterThan(0);
  });

  it('is the same for the same seed', () => {
    const one = splitUsers(data, { heldOut: 40, seed: 11 });
    const two = splitUsers(data, { heldOut: 40, seed: 11 });
    expect(one.target.userIds).toEqual(two.target.userIds);
    expect(Array.from(one.target.itemIndex)).toEqual(Array.from(two.target.itemIndex));
    expect(splitUsers(data, { heldOut: 40, seed: 12 }).target.userIds).not.toEqual(one.target.userIds);
    expect(() => splitUsers(data, { heldOut: 400, seed: 0 })).toThrow(/heldOut/);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, DataValueError, fitBiasedBaseline, fitGlobalMean, fitItemMean, fitUserMean, sparseEntries } from '../src/index.js';
import { csr } from './recommend-fixtures.js';

// users x items: user 0 rated item 0 = 5 and item 1 = 3, user 1 rated item 0 = 3; user 2 and item 2 have no ratings
const train = csr(3, [[[0, 5], [1, 3]], [[0, 3]], []]);
const mu = 11 / 3;

describe('mean baselines', () => {
  it('global mean', () => {
    const b = fitGlobalMean(train);
    expect(b.mean).toBeCloseTo(mu, 12);
    expect(Array.from(b.predict([0, 2, 9], [0, 2, 9]))).toEqual([b.mean, b.mean, b.mean]);
  });

  it('user mean, falling back to the global mean for unseen users', () => {
    const b = fitUserMean(train);
    expect(b.means[0]).toBe(4);
    expect(b.means[1]).toBe(3);
    expect(b.means[2]).toBeNaN();
    const p = b.predict([0, 1, 2, 7], [2, 1, 0, 0]);
    expect(Array.from(p)).toEqual([4, 3, b.mean, b.mean]);
  });

  it('item mean, falling back to the global mean for unseen items', () => {
    const b = fitItemMean(train);
    expect(Array.from(b.means.subarray(0, 2))).toEqual([4, 3]);
    const p = b.predict([2, 0, 0, 0], [0, 1, 2, 5]);
    expect(Array.from(p)).toEqual([4, 3, b.mean, b.mean]);
  });

  it('refuse empty or non-finite training ratings and bad pairs', () => {
    expect(() => fitGlobalMean(csr(3, [[], []]))).toThrow(DataValueError);
    expect(() => fitUserMean(csr(3, [[[0, NaN]]]))).toThrow(DataValueError);
    const b = fitItemMean(train);
    expect(() => b.predict([0, 1], [0])).toThrow(/one user per item/);
    expect(() => b.predict([-1], [0])).toThrow(ConfigError);
    expect(() => b.predict([0.5], [0])).toThrow(ConfigError);
  });
});

describe('fitBiasedBaseline', () => {
  it('matches one alternating sweep computed by hand', () => {
    const b = fitBiasedBaseline(train, { userReg: 1, itemReg: 2, sweeps: 1 });
    // items first, user biases 0: b_i = sum (r - mu) / (itemReg + raters)
    const bi0 = (5 - mu + (3 - mu)) / (2 + 2); // 1/6
    const bi1 = (3 - mu) / (2 + 1); // -2/9
    expect(b.itemBias[0]).toBeCloseTo(1 / 6, 12);
    expect(b.itemBias[1]).toBeCloseTo(-2 / 9, 12);
    expect(b.itemBias[2]).toBe(0);
    // then users: b_u = sum (r - mu - b_i) / (userReg + rated)
    expect(b.userBias[0]).toBeCloseTo((5 - mu - bi0 + (3 - mu - bi1)) / (1 + 2), 12); // 13/54
    expect(b.userBias[1]).toBeCloseTo((3 - mu - bi0) / (1 + 1), 12); // -5/12
    expect(b.userBias[2]).toBe(0);
    const p = b.predict([0, 1, 2, 9], [0, 1, 2, 9]);
    expect(p[0]).toBeCloseTo(mu + 13 / 54 + 1 / 6, 12);
    expect(p[1]).toBeCloseTo(mu - 5 / 12 - 2 / 9, 12);
    expect(p[2]).toBeCloseTo(mu, 12);
    expect(p[3]).toBeCloseTo(mu, 12); // unseen user and item: zero biases
  });

  it('fits additive ratings exactly without regularisation', () => {
    const a = [0.5, -1, 0.25];
    const c = [1, 0, -0.5, 0.75];
    const full = csr(4, a.map((au) => c.map((ci, i): [number, number] => [i, 3 + au + ci])));
    const b = fitBiasedBaseline(full, { userReg: 0, itemReg: 0, sweeps: 50 });
    const { row, column, value } = sparseEntries(full);
    const p = b.predict(row, column);
    for (let e = 0; e < value.length; e++) expect(p[e]).toBeCloseTo(value[e], 6);
  });

  it('converges to the regularised least-squares optimum (zero gradient)', () => {
    const ratings = csr(4, [[[0, 5], [1, 4], [3, 1]], [[0, 4], [2, 2]], [[1, 5], [2, 3], [3, 2]], [[0, 1]]]);
    const userReg = 2;
    const itemReg = 3;
    const b = fitBiasedBaseline(ratings, { userReg, itemReg, sweeps: 500 });
    const { row, column, value } = sparseEntries(ratings);
    const userGrad = new Float64Array(4);
    const itemGrad = new Float64Array(4);
    for (let e = 0; e < value.length; e++) {
      const residual = value[e] - b.mean - b.userBias[row[e]] - b.itemBias[column[e]];
      userGrad[row[e]] += residual;
      itemGrad[column[e]] += residual;
    }
    for (let u = 0; u < 4; u++) expect(userGrad[u] - userReg * b.userBias[u]).toBeCloseTo(0, 8);
    for (let i = 0; i < 4; i++) expect(itemGrad[i] - itemReg * b.itemBias[i]).toBeCloseTo(0, 8);
  });

  it('refuses bad options', () => {
    expect(() => fitBiasedBaseline(train, { userReg: -1 })).toThrow(ConfigError);
    expect(() => fitBiasedBaseline(train, { itemReg: Infinity })).toThrow(ConfigError);
    expect(() => fitBiasedBaseline(train, { sweeps: 0 })).toThrow(ConfigError);
  });
});

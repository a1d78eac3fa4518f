import { describe, expect, it } from 'vitest';
import { parseRatings, readRatings, splitDataset } from '../src/index.js';
import { expectDataError, put, tempDir } from './helpers.js';

const dir = tempDir();

describe('readRatings', () => {
  it('reads MovieLens u.data into a user x item matrix with a mask and id mappings', () => {
    const file = put(dir, 'u.data', '196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t302\t5\t881250950\n');
    const ds = readRatings(file);
    expect(ds.userIds).toEqual(['22', '186', '196']);
    expect(ds.itemIds).toEqual(['242', '302', '377']);
    expect(ds.columns).toEqual(ds.itemIds);
    expect(ds.n).toBe(3);
    expect(ds.sampleShape).toEqual([3]);
    expect(ds.ratings).toBe(4);
    expect(Array.from(ds.x)).toEqual([0, 0, 1, 0, 3, 0, 3, 5, 0]);
    expect(Array.from(ds.mask)).toEqual([0, 0, 1, 0, 1, 0, 1, 1, 0]);
    expect(ds.name).toBe('u.data');
  });

  it('reads ratings.csv with its header, ratings.dat, and implicit feedback', () => {
    const csv = parseRatings('userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n2,31,4.5,1\n');
    expect(csv.userIds).toEqual(['1', '2']);
    expect(csv.itemIds).toEqual(['31', '1029']);
    expect(Array.from(csv.x)).toEqual([2.5, 3, 4.5, 0]);
    const dat = parseRatings('1::1193::5::978300760\n2::1193::4::978300761\n', { implicit: true });
    expect(Array.from(dat.x)).toEqual([1, 1]);
    expect(parseRatings('a\tb\t4\n').userIds).toEqual(['a']);
  });

  it('splits by user like any dataset, carrying user ids along', () => {
    const ds = parseRatings('1\t1\t5\n2\t1\t4\n3\t2\t3\n4\t2\t2\n');
    const { train, test } = splitDataset(ds, { test: 1, seed: 0 });
    expect(train.userIds.length).toBe(3);
    expect(test.userIds.length).toBe(1);
    expect(test.itemIds).toEqual(['1', '2']);
  });

  it('names the line and field of a bad line', () => {
    const file = put(dir, 'bad.data', '1\t2\t3\t4\n1\t2\n');
    expectDataError(() => readRatings(file), { file, row: 2, column: 'rating', message: /expected user, item, rating\[, timestamp\] separated by tabs, found 2 fields/ });
    expectDataError(() => parseRatings('userId,movieId,rating,timestamp\n1,2,good,3\n', {}, 'ratings.csv'), { row: 2, column: 'rating', message: /numeric rating, found "good"/ });
    expectDataError(() => parseRatings('1\t2\t3\t4\n1\t2\tNaN\t4\n', {}, 'u.data'), { row: 2, column: 'rating' });
    expectDataError(() => parseRatings('1\t2\t3\tyesterday\n', {}, 'u.data'), { row: 1, column: 'timestamp' });
    expectDataError(() => parseRatings('1\t\t3\n', {}, 'u.data'), { row: 1, column: 'item', message: /empty item id/ });
    expectDataError(() => parseRatings('1\t2\t3\t4\t5\n', {}, 'u.data'), { row: 1, message: /found 5 fields/ });
    expectDataError(() => parseRatings('', {}, 'u.data'), { row: 1, message: /empty file/ });
    expectDataError(() => parseRatings('userId,movieId,rating\n', {}, 'r.csv'), { message: /no ratings/ });
    expectDataError(() => parseRatings('hello\n', {}, 'r.csv'), { row: 1, message: /separated by tabs, commas/ });
  });
});

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseInteractions, readInteractions, type Interactions } from '../src/index.js';
import { expectDataError, expectDataErrorAsync, put, tempDir } from './helpers.js';

const dir = tempDir();

/** Every interaction as [userId, itemId, value]. */
function triples(inter: Interactions): [string, string, number][] {
  const out: [string, string, number][] = [];
  for (let u = 0; u < inter.users; u++) {
    for (let p = inter.rowStart[u]; p < inter.rowStart[u + 1]; p++) out.push([inter.userIds[u], inter.itemIds[inter.itemIndex[p]], inter.values[p]]);
  }
  return out;
}

const UDATA = '196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t302\t5\t881250950\n';
const DAT = '1::1193::5::978300760\n1::661::3::978302109\n10::1193::4::978301968\n';
const CSV = 'userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n2,31,4.5,1\n';
const PLAIN = 'a,x,1\nb,y,2\na,y,3\n';

describe('readInteractions', () => {
  it('reads the four MovieLens layouts, plain and gzipped, into sorted ids and CSR rows', async () => {
    const expected: Record<string, [string, string, number][]> = {
      'u.data': [['22', '377', 1], ['186', '302', 3], ['196', '242', 3], ['196', '302', 5]],
      'ratings.dat': [['1', '661', 3], ['1', '1193', 5], ['10', '1193', 4]],
      'ratings.csv': [['1', '31', 2.5], ['1', '1029', 3], ['2', '31', 4.5]],
      'plain.csv': [['a', 'x', 1], ['a', 'y', 3], ['b', 'y', 2]],
    };
    const texts: Record<string, string> = { 'u.data': UDATA, 'ratings.dat': DAT, 'ratings.csv': CSV, 'plain.csv': PLAIN };
    for (const [name, text] of Object.entries(texts)) {
      const plain = await readInteractions(put(dir, name, text));
      const gz = await readInteractions(put(dir, `${name}.gz`, gzipSync(text)));
      expect(triples(plain), name).toEqual(expected[name]);
      expect(triples(gz), `${name}.gz`).toEqual(expected[name]);
      expect(triples(parseInteractions(text)), name).toEqual(expected[name]);
      expect(plain.name).toBe(name);
      expect(gz.name).toBe(name);
    }
    const ml = parseInteractions(UDATA);
    expect([ml.users, ml.items, ml.count]).toEqual([3, 3, 4]);
    expect(Array.from(ml.rowStart)).toEqual([0, 1, 2, 4]);
  });

  it('streams a file in pieces: lines split across 1 MB chunks, \\r\\n endings, a byte-order mark', async () => {
    const lines: string[] = ['\ufeffuserId,movieId,rating'];
    for (let k = 0; k < 120_000; k++) lines.push(`${k % 997},${k % 1009},${(k % 5) + 1}`);
    const text = lines.join('\r\n') + '\r\n';
    expect(text.length).toBeGreaterThan(1 << 20);
    const inter = await readInteractions(put(dir, 'long.csv.gz', gzipSync(text)));
    const whole = parseInteractions(text);
    expect(inter.count).toBe(whole.count);
    expect(Array.from(inter.itemIndex)).toEqual(Array.from(whole.itemIndex));
    expect(Array.from(inter.values)).toEqual(Array.from(whole.values));
    expect(parseInteractions('1,2,3\r4,5,1\r').count).toBe(2);
  });

  it('lets a later line win for a repeated (user, item), and forces a layout', () => {
    const inter = parseInteractions('1\t10\t5\n2\t10\t3\n1\t20\t4\n1\t10\t2\n');
    expect(triples(inter)).toEqual([['1', '10', 2], ['1', '20', 4], ['2', '10', 3]]);
    expect(parseInteractions('1,2,3\n', { format: 'csv', name: 'tiny' }).name).toBe('tiny');
    expectDataError(() => parseInteractions('1,2,3\n', { format: 'dat' }, 'r.dat'), { file: 'r.dat', row: 1, column: 'item', message: /separated by "::", found 1 field \(the line has commas: wrong separator\?\)/ });
  });

  it('stores 1s for implicit feedback and keeps only ratings >= minRating', () => {
    const text = 'userId,movieId,rating\n1,10,5\n1,20,3.5\n2,20,4\n3,30,1\n';
    expect(triples(parseInteractions(text, { implicit: true }))).toEqual([['1', '10', 1], ['1', '20', 1], ['2', '20', 1], ['3', '30', 1]]);
    const kept = parseInteractions(text, { implicit: true, minRating: 4 });
    expect(triples(kept)).toEqual([['1', '10', 1], ['2', '20', 1]]);
    expect(kept.userIds).toEqual(['1', '2']);
    expect(kept.itemIds).toEqual(['10', '20']);
    expect(triples(parseInteractions(text, { minRating: 4 }))).toEqual([['1', '10', 5], ['2', '20', 4]]);
    const none = parseInteractions(text, { minRating: 6 });
    expect([none.users, none.items, none.count, none.rowStart.length]).toEqual([0, 0, 0, 1]);
  });

  it('names the file, line and column of bad input', async () => {
    const file = put(dir, 'bad.data', '1\t2\t3\t4\n1\t2\n');
    await expectDataErrorAsync(() => readInteractions(file), { file, row: 2, column: 'rating', message: /separated by tabs, found 2 fields/ });
    const gz = put(dir, 'bad.csv.gz', gzipSync('userId,movieId,rating\n1,2,3\n1,2,good\n'));
    await expectDataErrorAsync(() => readInteractions(gz), { file: gz, row: 3, column: 'rating', message: /expected a numeric rating, found "good"/ });
    expectDataError(() => parseInteractions('1::2::3::x\n', {}, 'r.dat'), { row: 1, column: 'timestamp', message: /numeric timestamp/ });
    expectDataError(() => parseInteractions('1\t\t3\n', {}, 'u.data'), { row: 1, column: 'item', message: /empty item id/ });
    expectDataError(() => parseInteractions('\n\n', {}, 'u.data'), { row: 1, message: /empty file/ });
    expectDataError(() => parseInteractions('1,2,3\n', { format: 'tsv' as 'csv' }), { message: /format must be/ });
    await expectDataErrorAsync(() => readInteractions(`${dir}/missing.csv`), { message: /no such file/ });
    expectDataError(() => parseInteractions(String.fromCharCode(0x1f, 0x8b) + 'xx', {}, 'r.csv'), { message: /gzip-compressed/ });
  });

  it('refuses more lines than maxInteractions while reading', async () => {
    const file = put(dir, 'four.csv', '1,1,1\n1,2,1\n2,1,1\n2,2,1\n');
    await expectDataErrorAsync(() => readInteractions(file, { maxInteractions: 3 }), { file, row: 4, message: /more interactions than the limit of 3 interactions/ });
    expect((await readInteractions(file, { maxInteractions: 4 })).count).toBe(4);
  });
});

/**
 * Which shard a command runs as: `--shard i/n` validated, else
 * JOB_COMPLETION_INDEX with `--shards` or HOURGLASS_SHARDS; the blocks of
 * rows the shards own; the pieces of series a block of steps covers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeNpy } from '@hourglass/data';
import { parseShard, resolveShard, shardRange } from '../src/shard.js';
import { seriesPieces } from '../src/series-pieces.js';
import { hourglass, tempDir } from './in-process.js';

describe('--shard i/n', () => {
  it('parses whole numbers with 0 <= i < n', () => {
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
  });
  it.each([
    ['4/4', /--shard 4\/4: the index i counts from 0 and must be below n \(0\/4 \.\. 3\/4\)/],
    ['1/0', /--shard 1\/0: the shard count n must be at least 1/],
    ['0/0', /--shard 0\/0: the shard count n must be at least 1/],
    ['-1/4', /--shard: expected i\/n with whole numbers.*got "-1\/4"/],
    ['1.5/4', /got "1\.5\/4"/],
    ['2', /got "2"/],
    ['a/b', /got "a\/b"/],
    ['1/2/3', /got "1\/2\/3"/],
  ])('refuses %s', (value, message) => {
    expect(() => parseShard(value)).toThrow(message);
  });
});

describe('the shard of a Kubernetes Indexed Job', () => {
  it('takes the index from JOB_COMPLETION_INDEX and the count from --shards or HOURGLASS_SHARDS', () => {
    expect(resolveShard({}, { JOB_COMPLETION_INDEX: '2', HOURGLASS_SHARDS: '4' })).toEqual({ index: 2, count: 4 });
    expect(resolveShard({ shards: 3 }, { JOB_COMPLETION_INDEX: '1', HOURGLASS_SHARDS: '4' })).toEqual({ index: 1, count: 3 });
    expect(resolveShard({ shard: { index: 0, count: 2 } }, { JOB_COMPLETION_INDEX: '1', HOURGLASS_SHARDS: '4' })).toEqual({ index: 0, count: 2 });
    expect(resolveShard({}, { HOURGLASS_SHARDS: '4' })).toBeUndefined();
  });
  it('names what is missing or wrong', () => {
    expect(() => resolveShard({}, { JOB_COMPLETION_INDEX: '2' })).toThrow(/JOB_COMPLETION_INDEX=2 is set .* but the shard count is not: pass --shards N or set HOURGLASS_SHARDS/);
    expect(() => resolveShard({}, { JOB_COMPLETION_INDEX: '4', HOURGLASS_SHARDS: '4' })).toThrow(/JOB_COMPLETION_INDEX: expected a whole number below the shard count 4 \(from HOURGLASS_SHARDS\), got "4"/);
    expect(() => resolveShard({}, { JOB_COMPLETION_INDEX: 'x', HOURGLASS_SHARDS: '4' })).toThrow(/JOB_COMPLETION_INDEX: .*got "x"/);
    expect(() => resolveShard({}, { JOB_COMPLETION_INDEX: '0', HOURGLASS_SHARDS: '0' })).toThrow(/HOURGLASS_SHARDS: expected a whole number >= 1, got "0"/);
    expect(() => resolveShard({ shards: 4 }, {})).toThrow(/--shards 4: the shard index comes from JOB_COMPLETION_INDEX .* which is not set; use --shard i\/n/);
    expect(() => resolveShard({ shard: { index: 0, count: 2 }, shards: 2 }, {})).toThrow(/--shards 2: --shard 0\/2 already gives the count/);
  });
});

describe('the rows of a shard', () => {
  it('are contiguous blocks [floor(i*N/n), floor((i+1)*N/n)) covering every row once', () => {
    expect([0, 1, 2].map((index) => shardRange({ index, count: 3 }, 10))).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect([0, 1, 2].map((index) => shardRange({ index, count: 3 }, 2))).toEqual([[0, 0], [0, 1], [1, 2]]);
    expect(shardRange(undefined, 7)).toEqual([0, 7]);
  });
  it('cut series into pieces with their place among all steps', () => {
    expect(seriesPieces([5, 5], [3, 7])).toEqual([{ k: 0, from: 3, to: 5, at: 3 }, { k: 1, from: 0, to: 2, at: 5 }]);
    expect(seriesPieces([5, 5], [0, 10])).toEqual([{ k: 0, from: 0, to: 5, at: 0 }, { k: 1, from: 0, to: 5, at: 5 }]);
    expect(seriesPieces([5, 5], [5, 5])).toEqual([]);
  });
});

describe('on the command line', () => {
  const dir = tempDir();
  afterEach(() => vi.unstubAllEnvs());
  const encode = (...more: string[]) => hourglass('encode', '--model', join(dir, 'none'), '--data', join(dir, 'none.csv'), '--out', join(dir, 'o.csv'), ...more);
  it('a bad --shard is a usage error naming the flag, before anything is read', async () => {
    for (const command of ['encode', 'detect', 'forecast']) {
      const r = await hourglass(command, '--model', 'm', '--data', 'd.csv', '--out', 'o.csv', '--shard', '2/2');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--shard 2/2: the index i counts from 0 and must be below n');
    }
  });
  it('JOB_COMPLETION_INDEX without a count is a usage error', async () => {
    vi.stubEnv('JOB_COMPLETION_INDEX', '1');
    vi.stubEnv('HOURGLASS_SHARDS', '');
    const r = await encode();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JOB_COMPLETION_INDEX=1 is set .* pass --shards N or set HOURGLASS_SHARDS/);
  });
  it('merge names the part that does not fit', async () => {
    await writeFile(join(dir, 'p0.csv'), 'score,anomaly\n0.1,0\n');
    await writeFile(join(dir, 'p1.csv'), '0.2,1\n0.3\n');
    await writeFile(join(dir, 'p2.csv'), 'score,anomaly\n0.4,0\n');
    await writeFile(join(dir, 'p3.csv'), '0.5,0');
    const merge = (...parts: string[]) => hourglass('merge', '--out', join(dir, 'all.csv'), ...parts.map((p) => join(dir, p)));
    expect((await merge('p0.csv', 'p1.csv')).stderr).toMatch(/p1\.csv, line 2: 1 cells, but the header of .*p0\.csv has 2 \(score,anomaly\)/);
    expect((await merge('p0.csv', 'p2.csv')).stderr).toMatch(/p2\.csv: the part starts with the header of .*p0\.csv, which only the first shard writes/);
    expect((await merge('p0.csv', 'p3.csv')).stderr).toMatch(/p3\.csv: the part does not end with a line end/);
    const npy = await hourglass('merge', '--out', join(dir, 'all.npy'), join(dir, 'p0.csv'));
    expect(npy.stderr).toMatch(/p0\.csv: the part is not NPY \(CSV\), and --out .*all\.npy is NPY/);
  });
  it('merge joins NPY rows of one dtype and row shape only', async () => {
    const put = (name: string, bytes: Uint8Array) => writeFile(join(dir, name), bytes);
    await put('a.npy', encodeNpy(new Float32Array([1, 2, 3, 4]), [2, 2]));
    await put('b.npy', encodeNpy(new Float32Array([5, 6]), [1, 2]));
    await put('wide.npy', encodeNpy(new Float32Array([5, 6, 7]), [1, 3]));
    await put('f8.npy', encodeNpy(new Float64Array([5, 6]), [1, 2]));
    await put('cut.npy', encodeNpy(new Float32Array([5, 6]), [1, 2]).subarray(0, 130));
    const merge = (...parts: string[]) => hourglass('merge', '--out', join(dir, 'all.npy'), '--json', ...parts.map((p) => join(dir, p)));
    const r = await merge('a.npy', 'b.npy');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'npy', parts: 2, rows: 3 });
    expect(Buffer.from(await readFile(join(dir, 'all.npy'))).equals(Buffer.from(encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2])))).toBe(true);
    expect((await merge('a.npy', 'wide.npy')).stderr).toMatch(/wide\.npy: shape \[1, 3\], but the rows of .*a\.npy have shape \[2\]/);
    expect((await merge('a.npy', 'f8.npy')).stderr).toMatch(/f8\.npy: dtype '<f8', but .*a\.npy holds '<f4'/);
    expect((await merge('a.npy', 'cut.npy')).stderr).toMatch(/cut\.npy: 130 bytes, but its header \[1, 2\] '<f4' needs 136/);
  });
});

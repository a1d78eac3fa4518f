/**
 * `encode --stream` and `detect --stream`: the files they write as they go
 * are byte for byte those of the in-memory commands (codes, reconstructions
 * and scores as CSV and NPY; flags against the saved threshold and against
 * one calibrated with --contamination; a CSV file's labels written and
 * evaluated), a file's columns are matched to the model's by name as in memory, a failure midway leaves no file under the
 * output's name, and what a stream cannot do is refused with the reason.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
useTempDir('hourglass-stream-score-', (d) => (dir = d));

const N = 2000;
const row = (i: number) => [Math.sin(i) * 40 + 3, (i % 13) * 2.5, Math.cos(i / 9) * 7, i % 5 === 0 ? 30 : 1].map((v) => v.toFixed(3));

beforeAll(async () => {
  await writeFile(join(dir, 'train.csv'), 'a,b,c,d\n' + Array.from({ length: N }, (_, i) => row(i).join(',')).join('\n') + '\n');
  // the same kind of data, its columns in another order and one more
  await writeFile(join(dir, 'new.csv'), 'extra,d,c,b,a\n' + Array.from({ length: N }, (_, i) => [String(i), ...row(i + 7).reverse()].join(',')).join('\n') + '\n');
  const r = await runCli(['train', '--data', 'train.csv', '--epochs', '1', '--loss', 'mse', '--latent', '2', '--contamination', '0.05', '--out', 'run', '--quiet'], dir);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

const run = async (args: string[]) => {
  const r = await runCli([...args, '--model', 'run/model', '--data', 'new.csv'], dir);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

const same = async (a: string, b: string) => expect((await readFile(join(dir, a))).equals(await readFile(join(dir, b))), `${a} vs ${b}`).toBe(true);

describe('encode and detect --stream', () => {
  it('encode writes the bytes the in-memory command writes, CSV and NPY', async () => {
    for (const what of ['codes', 'reconstructions', 'scores'])
      for (const ext of ['csv', 'npy']) {
        await run(['encode', '--what', what, '--out', `mem-${what}.${ext}`]);
        const r = await run(['encode', '--what', what, '--out', `st-${what}.${ext}`, '--stream', '--json']);
        await same(`mem-${what}.${ext}`, `st-${what}.${ext}`);
        expect(JSON.parse(r.stdout)).toMatchObject({ rows: N, stream: true });
      }
    expect((await readFile(join(dir, 'st-reconstructions.csv'), 'utf8')).split('\n')[0]).toBe('a,b,c,d');
  }, 120_000);

  it('detect flags as in memory, against the saved threshold and one calibrated here', async () => {
    for (const extra of [[], ['--contamination', '0.1']]) {
      const mem = await run(['detect', '--out', 'mem-flags.csv', '--json', ...extra]);
      const st = await run(['detect', '--out', 'st-flags.csv', '--json', '--stream', ...extra]);
      await same('mem-flags.csv', 'st-flags.csv');
      const [m, s] = [JSON.parse(mem.stdout), JSON.parse(st.stdout)];
      expect(s).toMatchObject({ rows: N, flagged: m.flagged, threshold: m.threshold, thresholdSource: m.thresholdSource });
      expect(m.flagged).toBeGreaterThan(0);
    }
  }, 60_000);

  it('writes and evaluates a CSV file\'s labels as in memory', async () => {
    // labels as a file writes them: whole numbers, some with decimals, which the in-memory reader writes without
    await writeFile(join(dir, 'labelled.csv'), 'a,b,c,d,flag\n' + Array.from({ length: N }, (_, i) => [...row(i), i % 5 === 0 ? '1.0' : '0'].join(',')).join('\n') + '\n');
    const args = ['--model', 'run/model', '--data', 'labelled.csv', '--label', 'flag'];
    for (const ext of ['csv', 'npy']) {
      expect((await runCli(['encode', ...args, '--out', `mem-labelled.${ext}`], dir)).code).toBe(0);
      expect((await runCli(['encode', ...args, '--out', `st-labelled.${ext}`, '--stream'], dir)).code).toBe(0);
      await same(`mem-labelled.${ext}`, `st-labelled.${ext}`);
    }
    expect((await readFile(join(dir, 'st-labelled.csv'), 'utf8')).split('\n').slice(0, 2)).toEqual(['label,z0,z1', expect.stringMatching(/^1,/)]);
    const mem = await runCli(['detect', ...args, '--out', 'mem-labelled-flags.csv', '--json'], dir);
    const st = await runCli(['detect', ...args, '--out', 'st-labelled-flags.csv', '--json', '--stream'], dir);
    expect(st.code, st.stderr).toBe(0);
    await same('mem-labelled-flags.csv', 'st-labelled-flags.csv');
    const [m, s] = [JSON.parse(mem.stdout), JSON.parse(st.stdout)];
    expect(s.evaluation).toEqual(m.evaluation);
    expect(s.anomalyLabels).toEqual(['1']);
    expect(m.evaluation.rocAuc).toBeGreaterThan(0.5);
  }, 60_000);

  it('leaves no file under the output name when a row fails midway, and refuses what a stream cannot do', async () => {
    const bad = Array.from({ length: N }, (_, i) => (i === 1500 ? '3e38,3e38,3e38,3e38' : row(i).join(',')));
    await writeFile(join(dir, 'bad.csv'), 'a,b,c,d\n' + bad.join('\n') + '\n');
    const r = await runCli(['encode', '--model', 'run/model', '--data', 'bad.csv', '--what', 'scores', '--out', 'bad-codes.csv', '--stream'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/sample 1500 column "score" = Infinity/); // the rows before it were written to the unfinished file
    expect(existsSync(join(dir, 'bad-codes.csv'))).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const stdoutNpy = await runCli(['encode', '--model', 'run/model', '--data', 'new.csv', '--out', '-', '--out-format', 'npy', '--stream'], dir);
    expect(stdoutNpy.code).toBe(2);
    expect(stdoutNpy.stderr).toMatch(/needs a file \(its header is completed at the end\)/);
    const shard = await runCli(['detect', '--model', 'run/model', '--data', 'new.csv', '--shard', '0/2', '--stream'], dir);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/--shard is not supported/);
    const small = await runCli(['encode', '--model', 'run/model', '--data', 'new.csv', '--out', 'x.csv', '--stream', '--max-memory', '100'], dir);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/--max-memory 100 is too small for this run: .*give --max-memory \d+ or more/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    const calibrate = await runCli(['detect', '--model', 'run/model', '--data', 'new.csv', '--stream', '--contamination', '0.1', '--max-memory', '1'], dir);
    expect(calibrate.code).toBe(2);
    expect(calibrate.stderr).toMatch(/--max-memory 1 is too small/);
  }, 60_000);
});

/**
 * The built package registers tfjs-core's gradients without carrying a copy of
 * tfjs-core: each build, loaded alone in a fresh process, takes a gradient step
 * through every layer type on cpu and shares the app's one tfjs-core engine.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(__dirname, '../dist');
const fixture = join(__dirname, 'fixtures/built-gradients.cjs');

const run = (format: 'esm' | 'cjs') =>
  new Promise<Record<string, unknown>>((done, fail) =>
    execFile(process.execPath, [fixture, format], (err, stdout, stderr) => (err ? fail(new Error(stderr || String(err))) : done(JSON.parse(stdout.trim().split('\n').pop()!)))),
  );

describe('the built package', () => {
  it.each(['esm', 'cjs'] as const)('%s build: every layer type takes a gradient step on one tfjs-core engine', async (format) => {
    const result = await run(format);
    expect(result.error).toBeUndefined();
    const steps = result.steps as Record<string, string>;
    expect(Object.keys(steps).length).toBeGreaterThanOrEqual(10);
    expect(steps).toEqual(Object.fromEntries(Object.keys(steps).map((type) => [type, 'ok'])));
    expect(result).toMatchObject({ oneEngine: true, sameOps: true });
  });
  it('carries no copy of the tfjs-core engine', () => {
    const code = readdirSync(dist).filter((f) => /\.(c?js)$/.test(f));
    // a message thrown only by tfjs-core's Engine class
    const copies = code.filter((f) => readFileSync(join(dist, f), 'utf8').includes('No backend found in registry'));
    expect(copies).toEqual([]);
  });
});

/**
 * The scaffold works on day one: for every role, a generated package passes
 * core's variant contract suite without edits.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { newVariant } from '../new-variant.mjs';

const dir = resolve(__dirname, '../.tmp-gen');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vitest = (cwd: string) =>
  new Promise<{ code: number; out: string }>((done) =>
    execFile(process.execPath, [resolve(__dirname, '../../node_modules/vitest/vitest.mjs'), 'run'], { cwd }, (err, stdout, stderr) =>
      done({ code: err ? 1 : 0, out: stdout + stderr }),
    ),
  );

describe('tools/new-variant.mjs', () => {
  it.each(['architecture', 'latent', 'corruption', 'regularizer'])('a new %s plug-in passes the contract suite as generated', async (role) => {
    const name = `gen-${role}`;
    const { target, files } = newVariant({ name, role, dir });
    expect(files).toEqual(expect.arrayContaining(['package.json', 'src/variant.ts', 'src/register.ts', `test/${name}.test.ts`]));
    expect(readdirSync(target).sort()).toEqual(['LICENSE', 'README.md', 'package.json', 'src', 'test', 'tsconfig.json', 'tsup.config.ts', 'vitest.config.ts']);
    const r = await vitest(target);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Tests\s+.*\d+ passed/);
  });
  it('gives the package its licence, repository address and install line, as the published packages have', () => {
    const { target } = newVariant({ name: 'meta', role: 'regularizer', dir });
    const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('LICENSE');
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/hourglass-ml/hourglass.git', directory: 'tools/.tmp-gen/meta' });
    expect(pkg).toMatchObject({ author: 'The Hourglass authors', bugs: { url: 'https://github.com/hourglass-ml/hourglass/issues' } });
    expect(readFileSync(join(target, 'LICENSE'), 'utf8')).toBe(readFileSync(resolve(__dirname, '../../LICENSE'), 'utf8'));
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toContain('npm install @hourglass/core @hourglass/variant-meta');
  });
  it('refuses bad names, roles and existing folders', () => {
    expect(() => newVariant({ name: 'Bad', role: 'latent', dir })).toThrow(/lower-case/);
    expect(() => newVariant({ name: 'ok', role: 'decoder', dir })).toThrow(/--role: expected one of architecture, latent, corruption, regularizer/);
    newVariant({ name: 'twice', role: 'latent', dir });
    expect(() => newVariant({ name: 'twice', role: 'latent', dir })).toThrow(/already exists/);
  });
});

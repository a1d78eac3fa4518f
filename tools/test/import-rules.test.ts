/**
 * The import rules of `.dependency-cruiser.cjs` (CONTRIBUTING's "who may
 * import whom") fail on wrong-way imports: each case writes a small tree of
 * packages into a temporary folder, one file importing where it must not,
 * and runs depcruise with the repository's configuration on it. The last
 * case runs it on the repository itself, which must pass.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const depcruise = resolve(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/**
 * Runs depcruise with the repository's rules on `targets` under `cwd`: with
 * `json`, the violations it reports; otherwise as `npm run lint:imports`
 * runs it, whose exit code fails the build.
 */
function cruise(cwd: string, targets: string[], json = true): Promise<{ code: number; violations: Violation[]; stderr: string }> {
  const args = [depcruise, '--config', join(cwd, '.dependency-cruiser.cjs'), ...(json ? ['--output-type', 'json'] : []), ...targets];
  return new Promise((done) =>
    execFile(process.execPath, args, { cwd, maxBuffer: 64 << 20, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } }, (err, stdout, stderr) => {
      let violations: Violation[] = [];
      try {
        violations = JSON.parse(stdout).summary.violations;
      } catch {
        // no JSON: the failure is in stderr
      }
      // eslint-disable-next-line no-control-regex
      done({ code: err ? Number(err.code ?? 1) : 0, violations, stderr: (stderr + (json ? '' : stdout)).replace(/\x1b\[[0-9;]*m/g, '') });
    }),
  );
}

/** A tree of packages with the given files (path -> source), and the repository's configuration. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
  dirs.push(dir);
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  const all: Record<string, string> = {
    'packages/errors/src/index.ts': 'export const code = 1;\n',
    'packages/core/src/index.ts': "import { code } from '../../errors/src/index.js';\nexport const core = code;\n",
    'packages/data/src/index.ts': "import { code } from '../../errors/src/index.js';\nexport const data = code;\n",
    'packages/variants/a/src/index.ts': "import { core } from '../../../core/src/index.js';\nexport const a = core;\n",
    'packages/variants/b/src/index.ts': "import { core } from '../../../core/src/index.js';\nexport const b = core;\n",
    'packages/backend-wasm/src/index.ts': "import { core } from '../../core/src/index.js';\nexport const wasm = core;\n",
    'packages/backend-node/src/index.ts': "import { core } from '../../core/src/index.js';\nexport const node = core;\n",
    'packages/backends/src/index.ts': "import { wasm } from '../../backend-wasm/src/index.js';\nimport { node } from '../../backend-node/src/index.js';\nexport const both = [wasm, node];\n",
    'packages/cli/src/index.ts': "import { both } from '../../backends/src/index.js';\nimport { data } from '../../data/src/index.js';\nexport const cli = [both, data];\n",
    ...files,
  };
  for (const [path, source] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

/** The rules a tree with `files` breaks. */
const broken = async (files: Record<string, string>) => {
  const r = await cruise(tree(files), ['packages']);
  return [...new Set(r.violations.map((v) => v.rule.name))].sort();
};

describe('.dependency-cruiser.cjs', () => {
  it('passes a tree that keeps every rule, and fails the build on one wrong-way import', async () => {
    expect(await broken({})).toEqual([]);
    // a loop closed by a type-only import is gone at run time
    const typeLoop = { 'packages/core/src/one.ts': "import { two } from './two.js';\nexport const one = () => two;\n", 'packages/core/src/two.ts': "import type { one } from './one.js';\nexport const two = 2;\nexport type One = typeof one;\n" };
    expect(await broken(typeLoop)).toEqual([]);
    // a variant's register entry registers the variants its presets expand to
    const registers = { 'packages/variants/a/src/register.ts': "import '../../b/src/register.js';\nexport {};\n", 'packages/variants/b/src/register.ts': 'export {};\n' };
    expect(await broken(registers)).toEqual([]);
    expect((await cruise(tree({}), ['packages'], false)).code).toBe(0);
    const wrong = await cruise(tree({ 'packages/core/src/wrong.ts': "import { a } from '../../variants/a/src/index.js';\nexport const w = a;\n" }), ['packages'], false);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/core-knows-no-plugin: packages\/core\/src\/wrong\.ts → packages\/variants\/a\/src\/index\.ts/);
  });

  it.each([
    ['core imports a variant', { 'packages/core/src/wrong.ts': "import { a } from '../../variants/a/src/index.js';\nexport const w = a;\n" }, 'core-knows-no-plugin'],
    ['core imports a backend', { 'packages/core/src/wrong.ts': "import { wasm } from '../../backend-wasm/src/index.js';\nexport const w = wasm;\n" }, 'core-knows-no-plugin'],
    ['core imports data', { 'packages/core/src/wrong.ts': "import { data } from '../../data/src/index.js';\nexport const w = data;\n" }, 'core-knows-no-plugin'],
    ['core imports the CLI', { 'packages/core/src/wrong.ts': "import { cli } from '../../cli/src/index.js';\nexport const w = cli;\n" }, 'core-knows-no-plugin'],
    ['core imports a tfjs backend', { 'packages/core/src/wrong.ts': "import '@tensorflow/tfjs-backend-wasm';\n" }, 'core-only-tfjs-core'],
    ['a variant imports another variant', { 'packages/variants/b/src/wrong.ts': "import { a } from '../../a/src/index.js';\nexport const w = a;\n" }, 'variants-only-core'],
    ['a variant imports another variant\'s register entry outside its own', { 'packages/variants/a/src/wrong.ts': "import '../../b/src/register.js';\n", 'packages/variants/b/src/register.ts': 'export {};\n' }, 'variants-only-core'],
    ['a variant\'s register entry imports more of another variant', { 'packages/variants/a/src/register.ts': "import { b } from '../../b/src/index.js';\nexport const w = b;\n" }, 'variant-register-only-registers'],
    ['a variant imports data', { 'packages/variants/a/src/wrong.ts': "import { data } from '../../../data/src/index.js';\nexport const w = data;\n" }, 'variants-only-core'],
    ['a variant imports a tfjs backend', { 'packages/variants/a/src/wrong.ts': "import '@tensorflow/tfjs-node';\n" }, 'variants-no-tfjs-backend'],
    ['data imports tfjs', { 'packages/data/src/wrong.ts': "import * as tf from '@tensorflow/tfjs-core';\nexport const w = tf;\n" }, 'data-no-tfjs'],
    ['data imports core', { 'packages/data/src/wrong.ts': "import { core } from '../../core/src/index.js';\nexport const w = core;\n" }, 'data-only-errors'],
    ['errors imports core', { 'packages/errors/src/wrong.ts': "import { core } from '../../core/src/index.js';\nexport const w = core;\n" }, 'errors-imports-nothing'],
    ['errors imports an npm package', { 'packages/errors/src/wrong.ts': "import chalk from 'chalk';\nexport const w = chalk;\n" }, 'errors-imports-nothing'],
    ['one backend imports the other', { 'packages/backend-wasm/src/wrong.ts': "import { node } from '../../backend-node/src/index.js';\nexport const w = node;\n" }, 'backend-only-core'],
    ['@hourglass/backends imports the CLI', { 'packages/backends/src/wrong.ts': "import { cli } from '../../cli/src/index.js';\nexport const w = cli;\n" }, 'backends-no-cli-data-variants'],
    ['@hourglass/export imports a backend', { 'packages/export/src/wrong.ts': "import { wasm } from '../../backend-wasm/src/index.js';\nexport const w = wasm;\n" }, 'export-only-core-and-layers'],
    ['the CLI imports a variant by name', { 'packages/cli/src/wrong.ts': "import { a } from '../../variants/a/src/index.js';\nexport const w = a;\n" }, 'cli-no-variant-by-name'],
    ['published code imports a test', { 'packages/data/src/wrong.ts': "import { t } from '../test/helper.js';\nexport const w = t;\n", 'packages/data/test/helper.ts': 'export const t = 1;\n' }, 'no-imports-of-tests'],
    [
      'two files import values from each other',
      { 'packages/core/src/one.ts': "import { two } from './two.js';\nexport const one = () => two;\n", 'packages/core/src/two.ts': "import { one } from './one.js';\nexport const two = () => one;\n" },
      'no-cycles',
    ],
  ])('fails when %s', async (_what, files, rule) => {
    expect(await broken(files as Record<string, string>)).toEqual([rule]);
  });

  it('passes on the repository', async () => {
    // the folders `npm run lint:imports` names: packages/*/src packages/variants/*/src
    const sources = (dir: string) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}/src`).filter((d) => existsSync(join(root, d)));
    const r = await cruise(root, [...sources('packages'), ...sources('packages/variants')]);
    expect(r.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`), r.stderr).toEqual([]);
    expect(r.code).toBe(0);
  });
});

/**
 * Importing the package must never fail or load tfjs-node: the built module
 * is copied to a directory from which tfjs-node cannot be resolved, and
 * imported there in a fresh Node process (ESM and CJS).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '..');
const dist = path.join(pkgDir, 'dist');
const built = fs.existsSync(path.join(dist, 'index.js')) && fs.existsSync(path.join(dist, 'index.cjs'));
if (!built) console.warn('[backend-node] lazy-import test skipped: run `npx tsup` first (no dist/)');

describe('source files', () => {
  it('never import tfjs-node statically', () => {
    const src = path.join(pkgDir, 'src');
    const files = fs.readdirSync(src, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(10);
    for (const e of files) {
      const f = path.relative(src, path.join(e.parentPath, e.name));
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      expect(text, f).not.toMatch(/(from|import|require\()\s*\(?['"]@tensorflow\/tfjs-node/);
    }
  });
});

describe.skipIf(!built)('built package without tfjs-node', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hourglass-backend-node-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // <tmp>/node_modules/@hourglass/backend-node (a copy of dist) + links to the real tfjs-core, tfjs-backend-cpu, @hourglass/errors and @hourglass/core only.
  const nm = path.join(tmp, 'node_modules');
  const own = path.join(nm, '@hourglass', 'backend-node');
  fs.mkdirSync(own, { recursive: true });
  fs.cpSync(dist, path.join(own, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(pkgDir, 'package.json'), path.join(own, 'package.json'));
  const core = path.dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-core/package.json')));
  fs.mkdirSync(path.join(nm, '@tensorflow'), { recursive: true });
  fs.symlinkSync(core, path.join(nm, '@tensorflow', 'tfjs-core'));
  const cpu = path.dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-cpu/package.json')));
  fs.symlinkSync(cpu, path.join(nm, '@tensorflow', 'tfjs-backend-cpu'));
  const errors = path.dirname(fileURLToPath(import.meta.resolve('@hourglass/errors/package.json')));
  fs.symlinkSync(errors, path.join(nm, '@hourglass', 'errors'));
  const hourglassCore = path.dirname(fileURLToPath(import.meta.resolve('@hourglass/core/package.json')));
  fs.symlinkSync(hourglassCore, path.join(nm, '@hourglass', 'core'));

  const run = (args: string[]) =>
    execFileSync(process.execPath, args, { cwd: tmp, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });

  it('ESM: imports, detects nothing, and setupNode throws the install message', () => {
    const out = run([
      '--input-type=module',
      '-e',
      `const m = await import('@hourglass/backend-node');
       const d = await m.detectNode();
       const e = await m.setupNode().catch((e) => e);
       console.log(JSON.stringify({ available: d.available, reason: d.reason, code: e.code, message: e.message }));`,
    ]);
    const r = JSON.parse(out.trim().split('\n').pop()!);
    expect(r.available).toBe(false);
    expect(r.reason).toBe('@tensorflow/tfjs-node-gpu: not installed; @tensorflow/tfjs-node: not installed');
    expect(r.code).toBe('NOT_INSTALLED');
    expect(r.message).toContain('npm install @tensorflow/tfjs-node');
  });

  it('CJS: require works and detects nothing', () => {
    const out = run([
      '-e',
      `require('@hourglass/backend-node').detectNode().then((d) => console.log(JSON.stringify(d)))`,
    ]);
    expect(JSON.parse(out.trim().split('\n').pop()!).available).toBe(false);
  });
});

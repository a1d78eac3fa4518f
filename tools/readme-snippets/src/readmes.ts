/**
 * The READMEs a user reads (the repository's and each published package's)
 * and the package folders behind them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A README and, for a package's, the folder of that package. */
export interface Readme {
  /** Path relative to the repository root, e.g. `packages/core/README.md`. */
  path: string;
  /** The package folder (absolute), or undefined for the root README. */
  packageDir?: string;
  markdown: string;
}

/**
 * The root README and the README of every public package under `packages/`.
 *
 * @example
 * listReadmes('/repo').map((r) => r.path); // ['README.md', 'packages/backend-node/README.md', ...]
 */
export function listReadmes(root: string): Readme[] {
  const dirs = [join(root, 'packages'), join(root, 'packages/variants')]
    .flatMap((base) => readdirSync(base).map((d) => join(base, d)))
    .filter((dir) => existsSync(join(dir, 'package.json')) && !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private)
    .sort();
  const read = (file: string) => readFileSync(file, 'utf8');
  return [
    { path: 'README.md', markdown: read(join(root, 'README.md')) },
    ...dirs.map((dir) => ({ path: relative(root, join(dir, 'README.md')), packageDir: dir, markdown: read(join(dir, 'README.md')) })),
  ];
}

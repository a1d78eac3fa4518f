/**
 * What the registry's page and `npm install` read from each package.json:
 * licence, repository, links, and tfjs versions that an application on
 * another 4.x can satisfy.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listReadmes } from '../src/readmes';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const REPO = 'https://github.com/hourglass-ml/hourglass';
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const packages = listReadmes(root).flatMap((r) => (r.packageDir ? [r.packageDir] : []));
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** The pins that stay, per package, and why. */
const PINNED: Record<string, Record<string, string>> = {
  // The threaded start in Node relies on emscripten internals of this
  // release, and tfjs-backend-wasm 4.22.0 takes exactly tfjs-core 4.22.0.
  '@hourglass/backend-wasm': { '@tensorflow/tfjs-backend-wasm': '4.22.0', '@tensorflow/tfjs-core': '4.22.0' },
  // The page of `hourglass serve` bundles tfjs-backend-wasm's JavaScript at build time; the .wasm
  // files it serves at run time must come from that very release.
  '@hourglass/cli': { '@tensorflow/tfjs-backend-wasm': '4.22.0' },
};

describe.each(packages.map((dir) => [relative(root, dir), dir]))('%s', (path, dir) => {
  const pkg = read(dir);

  it('ships the MIT licence of the repository and says where it comes from', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.files).toContain('LICENSE');
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(license);
    expect(pkg).toMatchObject({
      author: 'The Hourglass authors',
      repository: { type: 'git', url: `git+${REPO}.git`, directory: path },
      homepage: `${REPO}/tree/main/${path}#readme`,
      bugs: { url: `${REPO}/issues` },
    });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['autoencoder']));
  });

  it('takes tfjs as a range, except where a pin is needed', () => {
    for (const field of ['dependencies', 'peerDependencies'] as const) {
      for (const [name, range] of Object.entries<string>(pkg[field] ?? {})) {
        if (!name.startsWith('@tensorflow/')) continue;
        const pin = PINNED[pkg.name]?.[name];
        if (pin) expect(range, `${field} ${name}`).toBe(pin);
        else expect(range, `${field} ${name}`).not.toMatch(/^\d+\.\d+\.\d+$/);
      }
    }
  });

  it('leaves the dataset packages optional', () => {
    for (const data of ['mnist', 'fashion-mnist']) {
      expect(pkg.dependencies?.[data], `dependencies.${data}`).toBeUndefined();
      if (pkg.peerDependencies?.[data]) expect(pkg.peerDependenciesMeta?.[data]).toEqual({ optional: true });
    }
  });
});

/**
 * Every package declares what its code imports, and imports what it declares:
 * a dependency or peer dependency that `src/` never imports is dead weight for
 * every user, and an import that package.json does not declare works here
 * only because the workspace hoists it. Tests may also import the package's
 * devDependencies and the root's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

/** Packages that src/ loads by a computed name at run time (plug-ins, optional native backends, datasets), so no import names them. */
const LOADED_BY_NAME: Record<string, string[]> = {
  '@hourglass/backend-node': ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
  '@hourglass/data': ['mnist', 'fashion-mnist'],
  '@hourglass/cli': [
    'mnist',
    'fashion-mnist',
    '@hourglass/variant-undercomplete',
    '@hourglass/variant-convolutional',
    '@hourglass/variant-denoising',
    '@hourglass/variant-sparse',
    '@hourglass/variant-contractive',
    '@hourglass/variant-variational',
    '@hourglass/variant-recurrent',
    '@hourglass/variant-autorec',
    '@hourglass/variant-mult-vae',
    '@hourglass/variant-temporal-conv',
    '@hourglass/variant-layers',
    '@tensorflow/tfjs-backend-wasm', // its .wasm files, served by hourglass serve (src/serve/site.ts)
  ],
};

/** Declared to satisfy the peer dependency of another dependency (tfjs backends peer-depend on tfjs-core). */
const PEER_OF_A_DEPENDENCY: Record<string, string[]> = {
  '@hourglass/cli': ['@tensorflow/tfjs-core'],
};

/** Imported by src/ from a devDependency, which the build bundles into the package. */
const BUNDLED_FROM_DEV_DEPENDENCIES: Record<string, string[]> = {
  '@hourglass/core': ['@tensorflow/tfjs-backend-cpu'],
};

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

function packageDirs(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (statSync(join(dir, 'package.json'), { throwIfNoEntry: false })) return void found.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory() && entry.name !== 'node_modules') walk(join(dir, entry.name));
  };
  walk(join(root, 'packages'));
  return found.sort();
}

function sourceFiles(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(c|m)?[jt]s$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const SPECIFIER = /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\(\s*['"]([^'"]+)['"]\s*\)/gm;
const builtins = new Set(builtinModules);
/** A bare specifier: a package name, optionally scoped, and a subpath (relative paths and text that only looks like an import do not match). */
const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/;

/** The packages a file imports by name (no relative paths, no Node builtins, types included). */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const names = new Set<string>();
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (!PACKAGE_NAME.test(spec) || spec.startsWith('node:') || builtins.has(spec.split('/')[0])) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return [...names];
}

const rootDev = Object.keys(readJson(join(root, 'package.json')).devDependencies ?? {});

describe.each(packageDirs().map((dir) => [relative(root, dir), dir]))('%s', (_, dir) => {
  const pkg = readJson(join(dir, 'package.json'));
  const runtime = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
  const importsOf = (files: string[]) => new Map(files.flatMap((f) => importedPackages(f).map((name) => [name, relative(dir, f)] as const)));
  const fromSrc = importsOf(sourceFiles(join(dir, 'src')));
  const fromTests = importsOf(sourceFiles(join(dir, 'test')));

  it('imports every dependency and peer dependency it declares', () => {
    const unused = runtime.filter((name) => !fromSrc.has(name) && name !== 'vitest');
    const known = [...(LOADED_BY_NAME[pkg.name] ?? []), ...(PEER_OF_A_DEPENDENCY[pkg.name] ?? [])];
    expect(unused.filter((name) => !known.includes(name))).toEqual([]);
    expect(known.filter((name) => !unused.includes(name)), 'listed as not imported, but src/ imports it (delete the entry)').toEqual([]);
  });
  it('declares every package its src/ imports', () => {
    const bundled = BUNDLED_FROM_DEV_DEPENDENCIES[pkg.name] ?? [];
    const undeclared = [...fromSrc].filter(([name]) => name !== pkg.name && !runtime.includes(name) && !bundled.includes(name));
    expect(undeclared.map(([name, file]) => `${name} (${file})`)).toEqual([]);
    expect(bundled.filter((name) => !fromSrc.has(name) || !pkg.devDependencies?.[name]), 'listed as bundled, but not imported or not a devDependency').toEqual([]);
  });
  it('declares every package its tests import, in its own or the root devDependencies', () => {
    const declared = new Set([pkg.name, ...runtime, ...Object.keys(pkg.devDependencies ?? {}), ...rootDev]);
    const undeclared = [...fromTests].filter(([name]) => !declared.has(name));
    expect(undeclared.map(([name, file]) => `${name} (${file})`)).toEqual([]);
  });
});

/**
 * Finding variant plug-ins. A name the registry does not know is looked up
 * as the package `@hourglass/variant-<name>` and its `/register` entry
 * imported; `--plugin <module>` imports any other module that registers
 * variants. A name no package is named after, such as a preset that a
 * package registers beside its variant (`mult-dae`, from
 * @hourglass/variant-mult-vae), is looked for by importing the `/register`
 * entry of every installed variant package: that costs a scan of
 * node_modules and some imports, so only a name not found otherwise pays it.
 * Nothing here lists variants by name.
 *
 * A plug-in path is the user's, so it is resolved against the working
 * directory (a bare `import()` would resolve it against this file in
 * `dist/`); a package name is looked up from the working directory first.
 */
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, getPreset, listPresets, listVariants } from '@hourglass/core';
import { installedVariantPackages } from './discover.js';

/**
 * The import specifier of `--plugin <module>`: a path (`./x.mjs`, `../x.js`,
 * absolute) as a file URL from the working directory, a package name as
 * resolved from the working directory, else unchanged.
 *
 * @example
 * pluginSpecifier('./my-variant.mjs', '/home/me'); // 'file:///home/me/my-variant.mjs'
 */
export function pluginSpecifier(module: string, cwd = process.cwd()): string {
  if (module.startsWith('.') || isAbsolute(module)) return pathToFileURL(resolve(cwd, module)).href;
  if (/^[a-z]+:/i.test(module)) return module;
  try {
    return pathToFileURL(createRequire(join(cwd, 'noop.js')).resolve(module)).href;
  } catch {
    return module; // e.g. an ESM-only package without a require condition: Node resolves it from here
  }
}

/** Imports extra plug-in modules given by path (from the working directory) or package name. */
export async function importPlugins(modules: string[]): Promise<void> {
  for (const m of modules) {
    try {
      await import(pluginSpecifier(m));
    } catch (e) {
      throw new ConfigError(`--plugin ${m}: cannot import (${(e as Error).message.split('\n')[0]})`);
    }
  }
}

/**
 * Makes sure every named variant is registered: a name the registry lacks is
 * looked up as `@hourglass/variant-<name>/register`, and when no such package
 * is installed, in the `/register` entries of every installed variant
 * package. A sole name may also be a preset's (`--variant mult-vae`).
 *
 * @example
 * await ensureVariants(['convolutional', 'denoising']);
 * await ensureVariants(['mult-dae']); // a preset of @hourglass/variant-mult-vae, found by importing the installed plug-ins
 */
export async function ensureVariants(names: string[], discover: () => Promise<string[]> = installedVariantPackages): Promise<void> {
  const registered = (name: string) => listVariants().some((v) => v.name === name) || (names.length === 1 && getPreset(name) !== undefined);
  let discovered = false;
  for (const name of names) {
    if (registered(name)) continue;
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new ConfigError(`--variant: "${name}" is not a valid variant name`);
    if (await importRegister(name)) continue;
    if (!discovered) {
      discovered = true;
      for (const pkg of await discover()) await importRegister(pkg);
      if (registered(name)) continue;
    }
    const known = listVariants().map((v) => v.name);
    const presets = listPresets().map((p) => p.name);
    throw new ConfigError(
      `unknown variant "${name}": no plug-in registers it and the package @hourglass/variant-${name} is not installed` +
        (known.length ? `; registered: ${known.join(', ')}` : '') +
        (presets.length ? `; presets (alone in --variant): ${presets.join(', ')}` : ''),
    );
  }
}

/** Imports `@hourglass/variant-<name>/register`; false when that package is not installed. */
async function importRegister(name: string): Promise<boolean> {
  try {
    await import(`@hourglass/variant-${name}/register`);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
    return false;
  }
}

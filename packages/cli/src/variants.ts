/**
 * Finding variant plug-ins. A name the registry does not know is looked up
 * as the package `@hourglass/variant-<name>` and its `/register` entry
 * imported; `--plugin <module>` imports any other module that registers
 * variants. Nothing here lists variants by name.
 */
import { ConfigError, listVariants } from '@hourglass/core';

/** Imports extra plug-in modules given by path or package name. */
export async function importPlugins(modules: string[]): Promise<void> {
  for (const m of modules) {
    try {
      await import(m);
    } catch (e) {
      throw new ConfigError(`--plugin ${m}: cannot import (${(e as Error).message.split('\n')[0]})`);
    }
  }
}

/** Makes sure every named variant is registered, importing `@hourglass/variant-<name>/register` when needed. */
export async function ensureVariants(names: string[]): Promise<void> {
  for (const name of names) {
    if (listVariants().some((v) => v.name === name)) continue;
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new ConfigError(`--variant: "${name}" is not a valid variant name`);
    try {
      await import(`@hourglass/variant-${name}/register`);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
      const known = listVariants().map((v) => v.name);
      throw new ConfigError(
        `unknown variant "${name}": no plug-in registers it and the package @hourglass/variant-${name} is not installed` +
          (known.length ? `; registered: ${known.join(', ')}` : ''),
      );
    }
  }
}

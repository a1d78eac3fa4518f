/** Finds installed `@hourglass/variant-*` packages by walking node_modules upwards. */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Variant names (the part after `variant-`) of every installed variant package. */
export async function installedVariantPackages(start = process.cwd()): Promise<string[]> {
  const names = new Set<string>();
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      for (const entry of await readdir(join(dir, 'node_modules', '@hourglass')))
        if (entry.startsWith('variant-')) names.add(entry.slice('variant-'.length));
    } catch {
      /* no node_modules here */
    }
    if (dirname(dir) === dir) break;
  }
  return [...names].sort();
}

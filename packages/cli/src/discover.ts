/** Finds installed `@hourglass/variant-*` packages by walking node_modules upwards. */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Variant names (the part after `variant-`) of every installed variant
 * package visible from the working directory or from the CLI's own install.
 */
export async function installedVariantPackages(starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))]): Promise<string[]> {
  const names = new Set<string>();
  for (const start of starts) await collect(start, names);
  return [...names].sort();
}

async function collect(start: string, names: Set<string>): Promise<void> {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      for (const entry of await readdir(join(dir, 'node_modules', '@hourglass')))
        if (entry.startsWith('variant-')) names.add(entry.slice('variant-'.length));
    } catch {
      /* no node_modules here */
    }
    if (dirname(dir) === dir) break;
  }
}

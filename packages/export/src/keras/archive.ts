/**
 * The `.keras` zip: written with fflate; read defensively. Only the three
 * entries a model needs are inflated, after their uncompressed sizes (from
 * the central directory) are checked against limits, and an entry that
 * inflates to another size than declared is refused.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { ConfigError } from '@hourglass/core';

/** The entries of a `.keras` archive this package reads. */
export const KERAS_ENTRIES = ['metadata.json', 'config.json', 'model.weights.h5'] as const;

/** Size limits when reading (bytes, uncompressed). */
export const KERAS_LIMITS = { total: 2 * 1024 ** 3, json: 64 * 1024 ** 2 };

/**
 * The archive's bytes, entries stored in the given order.
 *
 * @example
 * const zip = zipKeras({ 'metadata.json': '{}', 'config.json': '{}', 'model.weights.h5': h5Bytes });
 */
export function zipKeras(entries: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])), { level: 6 });
}

const fail = (why: string) => new ConfigError(`not a readable .keras file: ${why}`, { field: 'file' });

/**
 * The entries of a `.keras` archive that this package reads, with every size bounded.
 *
 * @example
 * const entries = unzipKeras(bytes); // { 'config.json': Uint8Array, 'model.weights.h5': Uint8Array, ... }
 */
export function unzipKeras(bytes: Uint8Array, limits = KERAS_LIMITS): Record<string, Uint8Array> {
  const declared = new Map<string, number>();
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.split(/[\\/]/).includes('..') || file.name.startsWith('/')) throw fail(`entry "${file.name}" has a path outside the archive`);
        if (!(KERAS_ENTRIES as readonly string[]).includes(file.name)) return false;
        const limit = file.name.endsWith('.json') ? limits.json : limits.total;
        if (file.originalSize > limit) throw fail(`entry "${file.name}" declares ${file.originalSize} bytes, above the limit of ${limit}`);
        total += file.originalSize;
        if (total > limits.total) throw fail(`the entries declare more than ${limits.total} bytes in all`);
        declared.set(file.name, file.originalSize);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw fail(`the zip cannot be read (${(e as Error).message})`);
  }
  for (const [name, size] of declared)
    if (entries[name].length !== size) throw fail(`entry "${name}" inflates to ${entries[name].length} bytes, not the ${size} it declares`);
  for (const need of ['config.json', 'model.weights.h5']) if (!entries[need]) throw fail(`it has no ${need}`);
  return entries;
}

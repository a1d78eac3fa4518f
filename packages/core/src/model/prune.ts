/**
 * Removing weight files no model.json uses any more, without breaking
 * other savers and loaders working on the same store.
 *
 * A weights file is kept when the current model.json names it, when a save
 * still in progress will publish it (`store.inProgress`), or when it is the
 * caller's own. The check and the removal cannot be one atomic step, so a
 * file is first set aside (renamed out of sight), the check is repeated,
 * and the file is put back if it turned out to be needed (another saver
 * published a model.json naming the same content-addressed file meanwhile).
 * A loader that misses a file in that instant reads model.json again and
 * retries (see `load.ts`). When model.json cannot be read, nothing is removed.
 */
import type { ModelStore } from './store.js';
import { MODEL_FILE } from './format.js';

/** The name pattern of weight files written by `saveModel`. */
export const WEIGHTS_FILE = /^weights\.[0-9a-f]{8}\.bin$/;

/** Weight files model.json names now, or undefined when it cannot be read. */
async function referenced(store: ModelStore): Promise<Set<string> | undefined> {
  try {
    const json = JSON.parse(new TextDecoder().decode(await store.read(MODEL_FILE))) as { weightsManifest?: Array<{ paths?: string[] }> };
    return new Set((json.weightsManifest ?? []).flatMap((g) => g.paths ?? []));
  } catch {
    return undefined;
  }
}

/** Whether `name` must stay: named by model.json, or about to be published. */
async function needed(store: ModelStore): Promise<(name: string) => boolean> {
  const busy = (await store.inProgress?.()) ?? new Set<string>();
  const refs = await referenced(store);
  return (name) => !refs || refs.has(name) || busy.has(name);
}

/**
 * Removes the weight files of `store` that no model uses, except `own`.
 *
 * @example
 * await pruneWeights(store, 'weights.0a1b2c3d.bin'); // after writing it and model.json
 */
export async function pruneWeights(store: ModelStore, own: string): Promise<void> {
  const candidates = (await store.list()).filter((n) => WEIGHTS_FILE.test(n) && n !== own);
  if (candidates.length === 0) return;
  const keep = await needed(store);
  for (const name of candidates) {
    if (keep(name)) continue;
    if (!store.setAside || !store.restore) {
      await store.remove(name);
      continue;
    }
    const aside = await store.setAside(name);
    if (aside === undefined) continue;
    const again = await needed(store);
    if (again(name) && (await store.size(name)) === undefined) await store.restore(aside, name);
    else await store.remove(aside);
  }
}

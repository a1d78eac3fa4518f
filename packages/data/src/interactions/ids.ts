/**
 * User and item ids: the order rows and columns take (sorted, numerically
 * when every id is a number), the lazily built id -> index lookup, and the
 * JSON form a model saves to map its rows and columns back to the file's ids.
 */
import { DataError } from '../errors.js';

/** The ids of the rows and columns of an Interactions store, index -> id (plain arrays, JSON-safe). */
export interface InteractionIds {
  userIds: string[];
  itemIds: string[];
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Distinct ids in row / column order: numerically when every id is a number
 * (ties between spellings such as "1" and "01" broken by the text), else as text.
 *
 * @example
 * sortedIds(['10', '9', '10']); // ['9', '10']
 */
export function sortedIds(ids: Iterable<string>): string[] {
  const unique = [...new Set(ids)];
  if (unique.every((id) => NUMBER.test(id))) return unique.sort((a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : 1));
  return unique.sort();
}

/** An id -> index lookup over a list of ids. */
export class IdIndex {
  private readonly map: Map<string, number>;

  constructor(ids: readonly string[]) {
    this.map = new Map(ids.map((id, i) => [id, i]));
  }

  /** The index of an id, or -1. */
  indexOf(id: string | number): number {
    return this.map.get(String(id)) ?? -1;
  }
}

/**
 * Checks an id mapping read back from JSON and returns it.
 *
 * @example
 * const ids = interactionIdsFromJSON(JSON.parse(readFileSync('ids.json', 'utf8')));
 */
export function interactionIdsFromJSON(json: unknown): InteractionIds {
  const list = (value: unknown, key: string): string[] => {
    if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) throw new DataError(`id mapping: ${key} must be a list of strings`);
    if (new Set(value).size !== value.length) throw new DataError(`id mapping: ${key} has repeated ids`);
    return value as string[];
  };
  if (typeof json !== 'object' || json === null) throw new DataError('id mapping: expected an object { userIds, itemIds }');
  const { userIds, itemIds } = json as Record<string, unknown>;
  return { userIds: list(userIds, 'userIds'), itemIds: list(itemIds, 'itemIds') };
}

/**
 * A sparse user x item store (CSR by user): the interactions of user u are
 * positions `rowStart[u] .. rowStart[u + 1]` of `itemIndex` (ascending item
 * indices, each at most once) and `values`. Memory is proportional to the
 * number of interactions, so MovieLens-20M (20 million ratings of 138,000
 * users x 27,000 items) takes 160 MB where a dense matrix would take 15 GB.
 * Models see dense blocks of a few users at a time (`denseRows`).
 */
import { DataError } from '../errors.js';
import { IdIndex, type InteractionIds } from './ids.js';

/** The parts of an Interactions store. */
export interface InteractionsInit {
  /** The user id of each row. */
  userIds: string[];
  /** The item id of each column. */
  itemIds: string[];
  /** users + 1 offsets into itemIndex / values. */
  rowStart: Int32Array;
  /** The item of each interaction, ascending within a user. */
  itemIndex: Int32Array;
  /** The value of each interaction (a rating, or 1 for implicit feedback). */
  values: Float32Array;
  /** A name for messages (default 'interactions'). */
  name?: string;
}

/** A dense block of rows: `x` holds the values, `mask` 1 where an interaction exists, both [batch, columns] row-major. */
export interface DenseRows {
  x: Float32Array;
  mask: Float32Array;
}

/**
 * Sparse interactions of users with items, CSR by user.
 *
 * @example
 * const inter = parseInteractions('1\t10\t5\n2\t10\t3\n1\t20\t4\n');
 * inter.users; // 2
 * inter.items; // 2
 * const { x, mask } = inter.denseRows([0, 1]); // x = [5, 4, 3, 0], mask = [1, 1, 1, 0]
 */
export class Interactions {
  readonly name: string;
  /** Number of users (rows). */
  readonly users: number;
  /** Number of items (columns). */
  readonly items: number;
  /** Number of interactions stored. */
  readonly count: number;
  readonly userIds: string[];
  readonly itemIds: string[];
  readonly rowStart: Int32Array;
  readonly itemIndex: Int32Array;
  readonly values: Float32Array;
  private userIndex?: IdIndex;
  private itemIdIndex?: IdIndex;

  /** Checks the parts (lengths, offsets, item range and order) and wraps them without copying. */
  constructor(init: InteractionsInit) {
    const { userIds, itemIds, rowStart, itemIndex, values } = init;
    this.name = init.name ?? 'interactions';
    const bad = (why: string) => new DataError(`${this.name}: ${why}`);
    if (rowStart.length !== userIds.length + 1) throw bad(`rowStart has ${rowStart.length} entries, expected users + 1 = ${userIds.length + 1}`);
    if (itemIndex.length !== values.length) throw bad(`itemIndex has ${itemIndex.length} entries but values ${values.length}`);
    if (rowStart[0] !== 0 || rowStart[userIds.length] !== itemIndex.length) throw bad(`rowStart must run from 0 to ${itemIndex.length}`);
    for (let u = 0; u < userIds.length; u++) {
      const end = rowStart[u + 1];
      if (end < rowStart[u]) throw bad(`rowStart decreases at user ${u}`);
      for (let p = rowStart[u]; p < end; p++) {
        const j = itemIndex[p];
        if (!(j >= 0 && j < itemIds.length) || (p > rowStart[u] && j <= itemIndex[p - 1])) {
          throw bad(`user ${u}: item indices must be ascending, distinct and below ${itemIds.length}, found ${j}`);
        }
      }
    }
    this.userIds = userIds;
    this.itemIds = itemIds;
    this.rowStart = rowStart;
    this.itemIndex = itemIndex;
    this.values = values;
    this.users = userIds.length;
    this.items = itemIds.length;
    this.count = itemIndex.length;
  }

  /** The row of a user id, or -1 (the lookup map is built on first use). */
  userIndexOf(id: string | number): number {
    this.userIndex ??= new IdIndex(this.userIds);
    return this.userIndex.indexOf(id);
  }

  /** The column of an item id, or -1 (the lookup map is built on first use). */
  itemIndexOf(id: string | number): number {
    this.itemIdIndex ??= new IdIndex(this.itemIds);
    return this.itemIdIndex.indexOf(id);
  }

  /** Number of interactions of user u. */
  rowLength(u: number): number {
    return this.rowStart[u + 1] - this.rowStart[u];
  }

  /**
   * The values and mask of some users as a dense [batch, items] block,
   * filled on the fly. `out` is reused when given (its arrays must hold at
   * least batch x items floats; they are zeroed first).
   *
   * @example
   * const block = inter.denseRows(Int32Array.of(4, 9)); // block.x.length === 2 * inter.items
   */
  denseRows(users: Int32Array | readonly number[], out?: DenseRows): DenseRows {
    const size = users.length * this.items;
    if (out && (out.x.length < size || out.mask.length < size)) {
      throw new DataError(`${this.name}: denseRows needs arrays of ${size} floats (${users.length} users x ${this.items} items), got ${Math.min(out.x.length, out.mask.length)}`);
    }
    const x = out ? out.x : new Float32Array(size);
    const mask = out ? out.mask : new Float32Array(size);
    if (out) {
      x.fill(0, 0, size);
      mask.fill(0, 0, size);
    }
    for (let b = 0; b < users.length; b++) {
      const u = users[b];
      if (!(Number.isInteger(u) && u >= 0 && u < this.users)) throw new DataError(`${this.name}: user index ${u} out of range 0..${this.users - 1}`);
      const base = b * this.items;
      for (let p = this.rowStart[u]; p < this.rowStart[u + 1]; p++) {
        x[base + this.itemIndex[p]] = this.values[p];
        mask[base + this.itemIndex[p]] = 1;
      }
    }
    return { x, mask };
  }

  /**
   * The item x user view (rows are items, columns users), for item-based
   * models such as I-AutoRec. Memory: one more copy of the interactions.
   */
  transpose(): Interactions {
    const rowStart = new Int32Array(this.items + 1);
    for (let p = 0; p < this.count; p++) rowStart[this.itemIndex[p] + 1]++;
    for (let j = 0; j < this.items; j++) rowStart[j + 1] += rowStart[j];
    const next = rowStart.slice(0, this.items);
    const userIndex = new Int32Array(this.count);
    const values = new Float32Array(this.count);
    // users are visited in order, so each item's users come out ascending
    for (let u = 0; u < this.users; u++) {
      for (let p = this.rowStart[u]; p < this.rowStart[u + 1]; p++) {
        const at = next[this.itemIndex[p]]++;
        userIndex[at] = u;
        values[at] = this.values[p];
      }
    }
    return new Interactions({ name: `${this.name} (transposed)`, userIds: this.itemIds, itemIds: this.userIds, rowStart, itemIndex: userIndex, values });
  }

  /**
   * The same arrays under the names of core's `SparseRows` (rows, columns,
   * columnIndex), which the recommender metrics and baselines read; nothing is copied.
   *
   * @example
   * recallAtK(scores, target.asSparseRows(), 20); // with @hourglass/core
   */
  asSparseRows(): { rows: number; columns: number; rowStart: Int32Array; columnIndex: Int32Array; values: Float32Array } {
    return { rows: this.users, columns: this.items, rowStart: this.rowStart, columnIndex: this.itemIndex, values: this.values };
  }

  /**
   * The id mappings as plain arrays (index -> id), ready for JSON, so a
   * model can save them and map its rows and columns back to the file's ids.
   *
   * @example
   * writeFileSync('ids.json', JSON.stringify(inter.ids()));
   */
  ids(): InteractionIds {
    return { userIds: this.userIds, itemIds: this.itemIds };
  }
}

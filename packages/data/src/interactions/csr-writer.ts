/** Writing an Interactions store row by row (splits and generators know each row's entries in order). */
import { Interactions } from './interactions.js';

/** Appends ascending (item, value) entries row after row into arrays of a known most size. */
export class CsrWriter {
  readonly rowStart: Int32Array;
  private readonly itemIndex: Int32Array;
  private readonly values: Float32Array;
  private rows = 0;
  private n = 0;

  /** `rows` rows holding at most `capacity` entries in all. */
  constructor(rows: number, capacity: number) {
    this.rowStart = new Int32Array(rows + 1);
    this.itemIndex = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  /** Adds an entry to the current row (items ascending within a row). */
  push(item: number, value: number): void {
    this.itemIndex[this.n] = item;
    this.values[this.n++] = value;
  }

  /** Closes the current row. */
  endRow(): void {
    this.rowStart[++this.rows] = this.n;
  }

  /** The store, its arrays trimmed to the entries written. */
  finish(name: string, userIds: string[], itemIds: string[]): Interactions {
    const trim = this.n < this.itemIndex.length;
    return new Interactions({
      name, userIds, itemIds,
      rowStart: this.rowStart.subarray(0, this.rows + 1),
      itemIndex: trim ? this.itemIndex.slice(0, this.n) : this.itemIndex,
      values: trim ? this.values.slice(0, this.n) : this.values,
    });
  }
}

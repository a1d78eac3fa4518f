import { describe, expect, it } from 'vitest';
import { DataError, Interactions, interactionIdsFromJSON, parseInteractions } from '../src/index.js';
import { expectDataError } from './helpers.js';

// users 1, 2, 3 x items 10, 20, 30 (2 has none of item 10; 3 rated only 30)
const TEXT = '1\t10\t5\n1\t30\t1\n2\t20\t4\n2\t30\t2\n3\t30\t3\n';

describe('Interactions', () => {
  it('fills dense rows of values and mask on the fly, reusing arrays when given', () => {
    const inter = parseInteractions(TEXT);
    const block = inter.denseRows([2, 0]);
    expect(Array.from(block.x)).toEqual([0, 0, 3, 5, 0, 1]);
    expect(Array.from(block.mask)).toEqual([0, 0, 1, 1, 0, 1]);
    const out = { x: new Float32Array(9).fill(7), mask: new Float32Array(9).fill(7) };
    const again = inter.denseRows(Int32Array.of(1), out);
    expect(again.x).toBe(out.x);
    expect(Array.from(out.x)).toEqual([0, 4, 2, 7, 7, 7, 7, 7, 7]);
    expect(Array.from(out.mask)).toEqual([0, 1, 1, 7, 7, 7, 7, 7, 7]);
    expectDataError(() => inter.denseRows([0, 1, 2, 0], out), { message: /needs arrays of 12 floats/ });
    expectDataError(() => inter.denseRows([3]), { message: /user index 3 out of range/ });
  });

  it('transposes to the item x user view and back', () => {
    const inter = parseInteractions(TEXT);
    const t = inter.transpose();
    expect([t.users, t.items, t.count]).toEqual([3, 3, 5]);
    expect(t.userIds).toEqual(['10', '20', '30']);
    expect(t.itemIds).toEqual(['1', '2', '3']);
    expect(Array.from(t.denseRows([0, 1, 2]).x)).toEqual([5, 0, 0, 0, 4, 0, 1, 2, 3]);
    const back = t.transpose();
    expect(Array.from(back.rowStart)).toEqual(Array.from(inter.rowStart));
    expect(Array.from(back.itemIndex)).toEqual(Array.from(inter.itemIndex));
    expect(Array.from(back.values)).toEqual(Array.from(inter.values));
  });

  it('maps ids to indices and round-trips the id mapping through JSON', () => {
    const inter = parseInteractions('10,b,1\n9,a,2\n100,c,3\n');
    expect(inter.userIds).toEqual(['9', '10', '100']);
    expect(inter.userIndexOf('100')).toBe(2);
    expect(inter.userIndexOf(9)).toBe(0);
    expect(inter.itemIndexOf('c')).toBe(2);
    expect(inter.itemIndexOf('z')).toBe(-1);
    const ids = interactionIdsFromJSON(JSON.parse(JSON.stringify(inter.ids())));
    expect(ids).toEqual({ userIds: ['9', '10', '100'], itemIds: ['a', 'b', 'c'] });
    expect(() => interactionIdsFromJSON({ userIds: ['1', '1'], itemIds: [] })).toThrow(/repeated ids/);
    expect(() => interactionIdsFromJSON({ userIds: [1], itemIds: [] })).toThrow(DataError);
  });

  it('shows its arrays under the names of a CSR matrix, without copying', () => {
    const inter = parseInteractions(TEXT);
    const m = inter.asSparseRows();
    expect([m.rows, m.columns]).toEqual([3, 3]);
    expect(m.columnIndex).toBe(inter.itemIndex);
    expect(m.values).toBe(inter.values);
    expect(m.rowStart).toBe(inter.rowStart);
  });

  it('checks the CSR parts it is built from', () => {
    const parts = { userIds: ['a', 'b'], itemIds: ['x', 'y'], rowStart: Int32Array.of(0, 2, 3), itemIndex: Int32Array.of(0, 1, 1), values: Float32Array.of(1, 2, 3) };
    expect(new Interactions(parts).count).toBe(3);
    expectDataError(() => new Interactions({ ...parts, itemIndex: Int32Array.of(1, 0, 1) }), { message: /ascending, distinct/ });
    expectDataError(() => new Interactions({ ...parts, itemIndex: Int32Array.of(0, 1, 2) }), { message: /below 2/ });
    expectDataError(() => new Interactions({ ...parts, rowStart: Int32Array.of(0, 3) }), { message: /users \+ 1/ });
  });
});

import { describe, expect, it } from 'vitest';
import { alignItems, interactionBatches, parseInteractions } from '../src/index.js';

const inter = parseInteractions('1\t10\t5\n1\t30\t1\n2\t20\t4\n3\t10\t2\n3\t20\t3\n4\t30\t4\n5\t10\t1\n');

async function pass(source: ReturnType<typeof interactionBatches>, batchSize: number) {
  const out: { x: number[]; mask?: number[]; n: number }[] = [];
  for await (const b of source.batches(batchSize)) out.push({ x: [...b.x], mask: b.mask && [...b.mask], n: b.n });
  return out;
}

describe('interactionBatches', () => {
  it('yields every row once a pass as dense rows, with the mask when asked, and declares its length', async () => {
    const source = interactionBatches(inter, { seed: 3, mask: true });
    expect(source.n).toBe(5);
    expect(source.sampleShape).toEqual([3]);
    const batches = await pass(source, 2);
    expect(batches.map((b) => b.n)).toEqual([2, 2, 1]);
    const rows = batches.flatMap((b) => Array.from({ length: b.n }, (_, r) => b.x.slice(r * 3, r * 3 + 3).join(',')));
    expect(rows.sort()).toEqual(['0,0,4', '0,4,0', '1,0,0', '2,3,0', '5,0,1']);
    const masks = batches.flatMap((b) => b.mask!);
    expect(masks.filter((m) => m === 1)).toHaveLength(7);
    expect((await pass(interactionBatches(inter, { seed: 3 }), 5))[0].mask).toBeUndefined();
  });

  it('draws each pass order from (seed, pass): a source resumed at pass 1 repeats the second pass', async () => {
    const a = interactionBatches(inter, { seed: 9 });
    const first = await pass(a, 5);
    const second = await pass(a, 5);
    expect(a.pass).toBe(2);
    expect(second[0].x).not.toEqual(first[0].x);
    const resumed = interactionBatches(inter, { seed: 9 });
    resumed.pass = 1;
    expect((await pass(resumed, 5))[0].x).toEqual(second[0].x);
    const ordered = await pass(interactionBatches(inter, { seed: 9, ordered: true }), 5);
    expect(ordered[0].x).toEqual([5, 0, 1, 0, 4, 0, 2, 3, 0, 0, 0, 4, 1, 0, 0]);
  });

  it('refuses a bad batch size and seed', async () => {
    await expect(pass(interactionBatches(inter, { seed: 1 }), 0)).rejects.toThrow('batchSize must be an integer >= 1, got 0');
    expect(() => interactionBatches(inter, { seed: NaN })).toThrow('seed must be a finite number, got NaN');
  });
});

describe('alignItems', () => {
  it('re-indexes onto another item list, dropping and counting unknown items, keeping rows ascending', () => {
    const { interactions, dropped } = alignItems(inter, ['30', '99', '10']);
    expect(dropped).toBe(2); // the two ratings of item 20
    expect(interactions.itemIds).toEqual(['30', '99', '10']);
    expect(interactions.userIds).toEqual(inter.userIds);
    const { x, mask } = interactions.denseRows([0, 1, 2]);
    expect([...x]).toEqual([1, 0, 5, 0, 0, 0, 0, 0, 2]);
    expect([...mask]).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(interactions.count).toBe(5);
  });
});

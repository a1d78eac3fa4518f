/**
 * When a command streams its file, and how `--max-memory` is shared out:
 * files above a quarter of the budget stream (gzip counted at four times
 * its size), names and folders never do; chunks are a sixteenth of the
 * budget within 64 KiB .. 4 MiB; the shuffle buffer gets a third of what
 * the backend, model, batch and chunks leave, and a run with no room for a
 * batch of rows is refused with the MB it needs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferRows, chunkBytes, streams } from '../src/stream-plan.js';
import { withProgress } from '../src/stream-source.js';
import { useTempDir } from './run-cli.js';

let dir: string;
useTempDir('hourglass-stream-plan-', (d) => (dir = d));
const MB = 2 ** 20;

describe('stream plan', () => {
  it('streams a file larger than a quarter of the budget, or any file with --stream', () => {
    const file = join(dir, 'rows.npy');
    writeFileSync(file, Buffer.alloc(3 * MB));
    const gz = join(dir, 'rows.csv.gz');
    writeFileSync(gz, Buffer.alloc(MB));
    expect(streams(file, { maxMemory: 16 })).toBe(false); // 3 MB <= 4 MB
    expect(streams(file, { maxMemory: 8 })).toBe(true);
    expect(streams(gz, { maxMemory: 16 })).toBe(false); // counted as 4 MB
    expect(streams(gz, { maxMemory: 15 })).toBe(true);
    expect(streams(file, { stream: true })).toBe(true);
    expect(streams('mnist', { maxMemory: 1 })).toBe(false);
    expect(streams(dir, { maxMemory: 1 })).toBe(false);
  });

  it('sizes chunks and the shuffle buffer under --max-memory, and refuses a run with no room for a batch', () => {
    expect(chunkBytes({ maxMemory: 1024 })).toBe(4 * MB);
    expect(chunkBytes({ maxMemory: 32 })).toBe(2 * MB);
    expect(chunkBytes({ maxMemory: 1 })).toBe(64 * 1024);
    const needs = { sampleSize: 784, batchSize: 256, parameters: 100_000, baseline: 400 * MB };
    // 1024 MB - (400 + 1.6 model + 6.1 batch + 20 chunks + 128 backend) MB, a third of it, rows of 3,336 bytes
    const fixed = 400 * MB + 1_600_000 + 8 * 4 * 256 * 784 + 20 * MB + 128 * MB;
    expect(bufferRows({ maxMemory: 1024 }, needs)).toBe(Math.floor((1024 * MB - fixed) / 3 / (4 * 784 + 200)));
    expect(() => bufferRows({ maxMemory: 556 }, needs)).toThrow(/--max-memory 556 is too small for this run: the process uses 400 MB before reading data, .* the model 2 MB, a batch of 256 7 MB, file chunks 20 MB, and the shuffle buffer needs at least a batch of rows \(3 MB\); give --max-memory 559 or more/);
    expect(bufferRows({ maxMemory: 556 }, needs, 0)).toBeGreaterThanOrEqual(0); // scoring: no buffer
  });
});

describe('stream progress', () => {
  it('reports rows and bytes read against the file size, the rate and the time left', async () => {
    const lines: string[] = [];
    const source = {
      name: 'big.npy',
      file: 'big.npy',
      n: 4000,
      sampleShape: [2],
      async *batches(batchSize: number) {
        for (let first = 0; first < 4000; first += batchSize) {
          await new Promise((done) => setTimeout(done, 2));
          yield { x: new Float32Array(2 * batchSize), n: batchSize };
        }
      },
    };
    const reported = withProgress(source, 2 ** 30, 0, { write: (t: string) => lines.push(t) });
    let rows = 0;
    for await (const b of reported.batches(1000)) rows += b.n;
    expect(rows).toBe(4000);
    expect(lines[1]).toMatch(/^ {2}reading big\.npy: 2,000 \/ 4,000 rows, 0\.50 \/ 1\.00 GB, [\d,]+ rows\/s, ETA \d+:\d\d\n$/);
  });
});

/** Running the `hourglass` command in this process (fast: no start-up per call), with its output captured. */
import { afterAll, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/index.js';

/** Runs `hourglass ...args`; resolves to the exit code and what it printed. */
export async function hourglass(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(['node', 'hourglass', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = 0;
  }
}

/** A temporary folder removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The rows of a CSV file written by the CLI (header first), split into cells. */
export function csvRows(text: string): string[][] {
  return text.trim().split('\n').map((l) => l.split(','));
}

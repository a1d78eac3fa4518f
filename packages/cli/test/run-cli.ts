/** Running the built `hourglass` bin in a child process, as a user would. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export const BIN = resolve(__dirname, '../bin/hourglass.cjs');
const ENV = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };

/** What a finished run printed, and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `hourglass ...args` in `cwd` to the end. */
export function runCli(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: ENV, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts `hourglass ...args` in `cwd`; resolves `exited` with the exit code (or the signal) and output. */
export function startCli(args: string[], cwd: string): { child: ChildProcess; exited: Promise<CliResult & { signal: NodeJS.Signals | null }>; stderrText: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<CliResult & { signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => done({ code: code ?? -1, signal, stdout, stderr })),
  );
  return { child, exited, stderrText: () => stderr };
}

/** Makes a fresh temporary folder before the file's tests (passed to `use`) and removes it after them. */
export function useTempDir(prefix: string, use: (dir: string) => void): void {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    use(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
}

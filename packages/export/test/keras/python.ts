/**
 * The Python with Keras that the Keras tests run (made by
 * tools/setup-keras.mjs), and a worker process around test/keras/worker.py
 * that answers one JSON request per line, so TensorFlow is imported once
 * per test file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Where tools/setup-keras.mjs puts its virtual environment. */
export function kerasVenv(env = process.env): string {
  const base = env.HOURGLASS_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hourglass');
  return join(base, 'keras-venv');
}

/**
 * The Keras Python (HOURGLASS_KERAS_PYTHON, else the setup's venv), or why there is none.
 * With HOURGLASS_REQUIRE_KERAS=1 a missing one is an error instead of a reason to skip.
 *
 * @example
 * const { python, reason } = findKerasPython();
 */
export function findKerasPython(env = process.env): { python?: string; reason?: string } {
  const python = env.HOURGLASS_KERAS_PYTHON || join(kerasVenv(env), 'bin', 'python');
  if (existsSync(python)) return { python };
  const reason = `no Keras Python at ${python} (run \`node tools/setup-keras.mjs\` or set HOURGLASS_KERAS_PYTHON)`;
  if (env.HOURGLASS_REQUIRE_KERAS === '1') throw new Error(`HOURGLASS_REQUIRE_KERAS=1 but ${reason}`);
  console.warn(`skipping the Keras tests: ${reason}`);
  return { reason };
}

const WORKER = join(fileURLToPath(new URL('.', import.meta.url)), 'worker.py');

/** A running test/keras/worker.py. */
export class KerasWorker {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(line: string) => void> = [];
  private stderr = '';

  constructor(python: string) {
    this.proc = spawn(python, [WORKER], { env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', CUDA_VISIBLE_DEVICES: '' } });
    this.proc.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      if (line.startsWith('REPLY ')) this.waiting.shift()?.(line.slice(6));
    });
    this.proc.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ ok: false, error: `the Keras worker exited with ${code}: ${this.stderr}` }));
    });
  }

  /** Sends one request and waits for its answer; a failed request throws with Keras' error. */
  async request<T>(request: Record<string, unknown>): Promise<T> {
    const answer = new Promise<string>((resolve) => this.waiting.push(resolve));
    this.proc.stdin.write(`${JSON.stringify(request)}\n`);
    const parsed = JSON.parse(await answer) as { ok: boolean; error?: string } & T;
    if (!parsed.ok) throw new Error(`Keras worker: ${parsed.error}`);
    return parsed;
  }

  close(): void {
    this.proc.stdin.end();
  }
}

/**
 * Child processes and step bookkeeping: every step has a number, a name and a
 * hint telling the user what to do when it fails.
 */
import { spawnSync } from 'node:child_process';

/** An error that knows which step failed and what the user should do about it. */
export class StepError extends Error {
  constructor(message, { hint, output } = {}) {
    super(message);
    this.hint = hint;
    this.output = output;
  }
}

let verbose = false;
export function setVerbose(v) {
  verbose = v;
}

let prefix = 'setup-tfjs-node';
/** The tool name that prefixes log lines (another setup tool sharing these helpers sets its own). */
export function setLogPrefix(name) {
  prefix = name;
}

/** Prints a line prefixed with the tool's name. */
export function log(msg) {
  process.stdout.write(`[${prefix}] ${msg}\n`);
}

/**
 * Runs a command synchronously. Output is captured (or streamed with
 * --verbose) and attached to the StepError when the command fails.
 */
export function run(cmd, args, { cwd, env, hint, input } = {}) {
  const res = spawnSync(cmd, args, {
    cwd,
    env: env ?? process.env,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: verbose ? ['pipe', 'inherit', 'inherit'] : 'pipe',
  });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.error) {
    throw new StepError(`could not start \`${cmd}\`: ${res.error.message}`, { hint, output });
  }
  if (res.status !== 0) {
    throw new StepError(`\`${[cmd, ...args].join(' ')}\` exited with ${res.status ?? res.signal}`, {
      hint,
      output,
    });
  }
  return res;
}

/** Tail of a long output, for error messages. */
export function tail(text, lines = 30) {
  const all = String(text ?? '').trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

/**
 * Runs the steps in order, timing each. `fn` returns a short status string
 * (e.g. 'cached') or nothing.
 */
export async function steps(list) {
  const t0 = performance.now();
  for (let i = 0; i < list.length; i++) {
    const { name, fn, hint } = list[i];
    const s0 = performance.now();
    try {
      const status = await fn();
      const sec = ((performance.now() - s0) / 1000).toFixed(1);
      log(`step ${i + 1}/${list.length} ${name}: ${status || 'done'} (${sec} s)`);
    } catch (err) {
      const e =
        err instanceof StepError
          ? err
          : new StepError(err?.message ?? String(err), { hint: err?.hint, output: err?.hint ? undefined : err?.stack });
      e.step = `${i + 1}/${list.length} ${name}`;
      e.hint ??= hint;
      throw e;
    }
  }
  return (performance.now() - t0) / 1000;
}

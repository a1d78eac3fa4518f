/**
 * Runs a command to completion and resolves with its stdout; the benchmarks'
 * one way of running a child (PyTorch, the CLI, a profiling child). A
 * failure rejects with the command (or `label`) and its stderr.
 */
import { execFile } from 'node:child_process';

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').ExecFileOptions & { label?: string }} [options]
 * @returns {Promise<string>}
 * @example
 * const out = await exec(process.execPath, ['--version']);
 */
export function exec(cmd, args, { label, ...options } = {}) {
  return new Promise((done, fail) =>
    execFile(cmd, args, { maxBuffer: 1 << 24, ...options }, (err, stdout, stderr) =>
      err ? fail(new Error(`${label ?? `${cmd} ${args.join(' ')}`}: ${stderr || err.message}`)) : done(String(stdout)),
    ),
  );
}

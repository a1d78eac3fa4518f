/**
 * Running one snippet in the sandbox, as a user would paste it: TypeScript
 * with its types stripped (esbuild) as an ES module under `node`, shell
 * with `bash -e` and the sandbox's `node_modules/.bin` on the PATH, Python
 * with the interpreter {@link snippetPython} names.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { transformSync } from 'esbuild';
import type { Snippet } from './extract.js';

/**
 * The Python that runs `python` blocks: HOURGLASS_SNIPPETS_PYTHON, which
 * must have the packages the blocks import (CI points it at the Python that
 * tools/setup-keras.mjs prepares); undefined when it is not set.
 */
export function snippetPython(): string | undefined {
  return process.env.HOURGLASS_SNIPPETS_PYTHON || undefined;
}

/** What a run gave. */
export interface SnippetRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The file that was run, kept in the sandbox for a look after a failure. */
  script: string;
}

/**
 * Runs `snippet.program` in `sandbox` and returns its exit status and output.
 *
 * @example
 * const r = runSnippet(snippet, '/tmp/hourglass-readme-XXXX', 'core-1'); // r.status === 0
 */
export function runSnippet(snippet: Snippet, sandbox: string, name: string, timeoutMs = 120_000): SnippetRun {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', PATH: `${join(sandbox, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}` };
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  // What a user sees in a plain terminal: no colours (nx and CI force them on).
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  let script: string;
  let args: string[];
  let command: string;
  if (snippet.lang === 'sh') {
    script = join(sandbox, `${name}.sh`);
    writeFileSync(script, snippet.program);
    [command, args] = ['bash', ['-e', '-o', 'pipefail', script]];
  } else if (snippet.lang === 'python') {
    script = join(sandbox, `${name}.py`);
    writeFileSync(script, snippet.program);
    const python = snippetPython();
    if (!python) throw new Error('a python block needs HOURGLASS_SNIPPETS_PYTHON (a Python with the packages it imports)');
    [command, args] = [python, [script]];
  } else {
    script = join(sandbox, `${name}.mjs`);
    const js = transformSync(snippet.program, { loader: snippet.lang, format: 'esm', target: 'node20', sourcefile: `${snippet.file}:${snippet.line}` }).code;
    writeFileSync(script, js);
    [command, args] = [process.execPath, [script]];
  }
  const r = spawnSync(command, args, { cwd: sandbox, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? `\n${r.error.message}` : ''), script };
}

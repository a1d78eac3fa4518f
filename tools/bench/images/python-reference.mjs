/**
 * Running a Python reference script of the image benchmarks (Keras itself)
 * on the benchmark's own split: the split is written as float32 files the
 * script reads, and the script's answer is its `RESULT {json}` line.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes each named Float32Array as `NAME.f32` (little-endian float32, the
 * layout the reference scripts read) in a new temporary directory; returns
 * its path (the caller removes it).
 *
 * @example
 * const dir = await writeFloat32Files('vae-nll', { train: trainX, test: testX }); // dir/train.f32, dir/test.f32
 */
export async function writeFloat32Files(prefix, arrays) {
  const dir = await mkdtemp(join(tmpdir(), `hourglass-${prefix}-`));
  for (const [name, values] of Object.entries(arrays)) await writeFile(join(dir, `${name}.f32`), values);
  return dir;
}

/**
 * Runs `python script ...args` (stderr passed through) and resolves with
 * the parsed JSON of its `RESULT {json}` line; rejects when it exits
 * non-zero or prints no such line.
 *
 * @example
 * const r = await pythonResult('/opt/keras/bin/python', 'tools/bench/images/vae_nll_reference.py', [dir, '50', '1000']);
 */
export function pythonResult(python, script, args) {
  return new Promise((done, fail) => {
    const child = spawn(python, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      code === 0 && line ? done(JSON.parse(line.slice(7))) : fail(new Error(`${script} ${args.join(' ')} exited ${code}${line ? '' : ' without a RESULT line'}`));
    });
  });
}

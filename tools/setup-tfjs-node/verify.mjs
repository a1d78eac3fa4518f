/**
 * Step 7: load tfjs-node in a fresh Node process and check it really works
 * (backend 'tensorflow', a correct matMul, one shared tfjs-core).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StepError, tail } from './run.mjs';

const CHECK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'check.cjs');

/** Runs check.cjs against `dir`; returns its parsed JSON (ok=false on any problem). */
export function probe(dir, { bench = false } = {}) {
  const res = spawnSync(process.execPath, [CHECK, dir, ...(bench ? ['--bench'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: process.env.TF_CPP_MIN_LOG_LEVEL ?? '2' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = (res.stdout || '').trim().split('\n').pop();
  let out;
  try {
    out = JSON.parse(line);
  } catch {
    out = { ok: false, error: `check process exited with ${res.status ?? res.signal}\n${tail(res.stderr, 15)}` };
  }
  out.stderr = res.stderr;
  return out;
}

/** Throws a StepError describing what a failed probe found. */
export function assertProbe(out, where) {
  if (out.ok) return;
  const why = out.error ?? out.problems?.join('; ') ?? 'unknown failure';
  let hint = 'Run again with --force to rebuild from scratch (the wheel is re-used); add --verbose to see the build output.';
  if (/cannot open shared object|libtensorflow/.test(why)) {
    hint = `The binding cannot load libtensorflow: the cache may have moved or been deleted. Run again with --force.`;
  } else if (/Cannot find module '@tensorflow\/tfjs-node'/.test(why)) {
    hint = 'tfjs-node is not installed in this checkout (an `npm ci` / `npm install` removes it): run this script again.';
  }
  throw new StepError(`${where}: ${why}`, { hint });
}

/**
 * Every copy of @tensorflow/tfjs-core below `modules` (nested ones included).
 * More than one means tfjs-node would register its backend in an engine the
 * checkout's packages never see.
 */
export function tfjsCoreCopies(modules) {
  const found = [];
  const walk = (dir, depth) => {
    if (depth > 12 || !fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.bin' || e.name === '.cache') continue;
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) continue; // workspace links: their node_modules are walked from packages/
      if (!e.isDirectory()) continue;
      if (e.name.startsWith('@')) {
        for (const s of fs.readdirSync(p, { withFileTypes: true })) {
          if (!s.isDirectory() || s.isSymbolicLink()) continue;
          const sp = path.join(p, s.name);
          if (`${e.name}/${s.name}` === '@tensorflow/tfjs-core') found.push(sp);
          walk(path.join(sp, 'node_modules'), depth + 1);
        }
      } else {
        walk(path.join(p, 'node_modules'), depth + 1);
      }
    }
  };
  walk(modules, 0);
  return found;
}

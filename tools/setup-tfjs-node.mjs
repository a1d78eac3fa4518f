#!/usr/bin/env node
/**
 * Makes `require('@tensorflow/tfjs-node')` work in this checkout without
 * tfjs-node's own install script (which downloads libtensorflow from outside
 * the npm registry). TensorFlow's Python wheel carries the same C library:
 *
 *   1. pip download --no-deps tensorflow-cpu==2.21.0    (cached)
 *   2. extract libtensorflow_cc.so.2, libtensorflow_framework.so.2, include/ (cached)
 *   3. npm install --ignore-scripts @tensorflow/tfjs-node@4.22.0 into a private
 *      prefix in the cache (never at the repository root)
 *   4. deps/include and deps/lib of that package -> the extracted library
 *   5. node-gyp rebuild -> lib/napi-v8/tfjs_binding.node               (cached)
 *   6. copy (hard-link) the package into node_modules/@tensorflow/tfjs-node,
 *      sharing the root's @tensorflow/tfjs-core; nothing else is touched
 *   7. load it in a fresh process: backend 'tensorflow', correct matMul,
 *      exactly one tfjs-core in the checkout
 *
 * Steps 1-5 run once per cache (default ~/.cache/hourglass/tfjs-node, or
 * $HOURGLASS_CACHE/tfjs-node); afterwards, even after `rm -rf node_modules &&
 * npm ci`, a run only does steps 6-7 and takes seconds.
 *
 * Usage: node tools/setup-tfjs-node.mjs [--check] [--force] [--bench] [--verbose]
 *   --check    only report whether tfjs-node is ready here (exit 0) or not (exit 1)
 *   --force    redo everything: download, extract, install, build, copy
 *   --bench    also time a 1024x1024x1024 matMul at the end
 *   --verbose  stream the output of pip, npm and node-gyp
 * Environment: HOURGLASS_CACHE (cache root), HOURGLASS_TF_WHEEL (use this wheel file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, TFJS_NODE_VERSION, TF_VERSION, TF_WHEEL_NAME, cacheKey, paths } from './setup-tfjs-node/config.mjs';
import { log, setVerbose, steps, tail } from './setup-tfjs-node/run.mjs';
import { downloadWheel, extractWheel, libtfReady } from './setup-tfjs-node/wheel.mjs';
import {
  buildBinding, installStage, linkDeps, napiBuildVersion, stageReady, writeStageStamp,
} from './setup-tfjs-node/stage.mjs';
import { checkRoot, installedStamp, overlay } from './setup-tfjs-node/overlay.mjs';
import { assertProbe, probe, tfjsCoreCopies } from './setup-tfjs-node/verify.mjs';

const USAGE = 'usage: node tools/setup-tfjs-node.mjs [--check] [--force] [--bench] [--verbose]';
const argv = process.argv.slice(2);
const known = new Set(['--check', '--force', '--bench', '--verbose', '--help', '-h']);
const unknown = argv.filter((a) => !known.has(a));
if (unknown.length || argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(unknown.length ? 2 : 0);
}
const flags = {
  check: argv.includes('--check'),
  force: argv.includes('--force'),
  bench: argv.includes('--bench'),
  verbose: argv.includes('--verbose'),
};
setVerbose(flags.verbose);

const p = paths();
/** N-API version of the binding; tfjs-node 4.22 declares 3..8, so 8 on Node 20. */
const napi = napiBuildVersion(readJson(path.join(p.target, 'package.json')) ?? undefined);
const stage = p.stage(napi);

function readJson(f) {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch {
    return undefined;
  }
}

/** All tfjs-core copies in the checkout (root node_modules and each workspace's own). */
function coreCopies() {
  const dirs = [p.rootModules];
  for (const ws of ['packages', path.join('packages', 'variants')]) {
    const d = path.join(REPO_ROOT, ws);
    if (!fs.existsSync(d)) continue;
    for (const e of fs.readdirSync(d)) dirs.push(path.join(d, e, 'node_modules'));
  }
  dirs.push(path.join(REPO_ROOT, 'tools', 'node_modules'));
  return dirs.flatMap((d) => tfjsCoreCopies(d));
}

function summary(out, seconds) {
  const parts = [
    `tfjs-node ${out.version} ready`,
    `backend ${out.backend}`,
    `libtensorflow ${out.libtensorflow ?? TF_VERSION}`,
    `load ${(out.loadMs / 1000).toFixed(2)} s`,
  ];
  if (out.matMul1024GFlops) parts.push(`matMul 1024^3 ${out.matMul1024GFlops} GFLOP/s`);
  if (seconds !== undefined) parts.push(`setup ${seconds.toFixed(1)} s`);
  return `OK: ${parts.join(', ')}`;
}

async function check() {
  const out = probe(REPO_ROOT, { bench: flags.bench });
  const copies = coreCopies();
  const stamp = installedStamp(p);
  if (out.ok && copies.length === 1) {
    console.log(summary(out));
    return 0;
  }
  const why = out.ok ? `${copies.length} copies of @tensorflow/tfjs-core: ${copies.join(', ')}` : out.error ?? out.problems.join('; ');
  console.log(`NOT READY: ${why.split('\n')[0]}`);
  console.log(`  installed stamp: ${stamp ? stamp.key : 'none'}; cache: ${stageReady(stage, napi, p) ? 'ready' : 'empty'} (${p.cache})`);
  console.log('  fix: node tools/setup-tfjs-node.mjs');
  return 1;
}

async function setup() {
  checkRoot(p); // fail fast, before a minute of downloading and compiling
  let stamp = flags.force ? undefined : stageReady(stage, napi, p);
  const cachedMsg = stamp ? `cached (${path.relative(p.cache, stage)})` : undefined;
  let wheel;
  let pkgJson;
  let result;
  const seconds = await steps([
    {
      name: `download ${TF_WHEEL_NAME}==${TF_VERSION} wheel`,
      fn: () => {
        if (stamp) return cachedMsg;
        if (!flags.force && libtfReady(p)) return 'not needed (library already extracted)';
        const r = downloadWheel(p, { force: flags.force });
        wheel = r.wheel;
        return r.status;
      },
    },
    {
      name: 'extract libtensorflow',
      fn: () => {
        if (stamp) return cachedMsg;
        if (!wheel) return `cached (${path.relative(p.cache, p.libtf)})`;
        return extractWheel(wheel, p);
      },
    },
    {
      name: `install @tensorflow/tfjs-node@${TFJS_NODE_VERSION} (--ignore-scripts, private prefix)`,
      fn: () => {
        if (stamp) return cachedMsg;
        const r = installStage(stage);
        pkgJson = r.pkgJson;
        if (napiBuildVersion(pkgJson) !== napi) throw new Error('N-API version changed; run again');
        return r.status;
      },
    },
    {
      name: 'link deps/include and deps/lib',
      fn: () => (stamp ? cachedMsg : linkDeps(stage, p)),
    },
    {
      name: 'compile the binding (node-gyp)',
      fn: () => {
        if (stamp) return cachedMsg;
        const built = buildBinding(stage, napi);
        const out = probe(stage);
        assertProbe(out, 'the freshly built binding does not load');
        stamp = writeStageStamp(stage, napi, p, { loadMs: out.loadMs });
        return `${built}; loads in ${out.loadMs} ms`;
      },
    },
    {
      name: 'install into node_modules/@tensorflow/tfjs-node',
      fn: () => {
        checkRoot(p);
        const have = installedStamp(p);
        if (!flags.force && have && have.key === cacheKey(napi) && have.builtAt === stamp.builtAt) {
          const out = probe(REPO_ROOT);
          if (out.ok) {
            result = out;
            return 'already installed';
          }
        }
        return overlay(stage, p, stamp);
      },
    },
    {
      name: 'verify',
      fn: () => {
        const out = result && !flags.bench ? result : probe(REPO_ROOT, { bench: flags.bench });
        assertProbe(out, 'tfjs-node does not work in this checkout');
        const copies = coreCopies();
        if (copies.length !== 1) {
          throw Object.assign(new Error(`expected exactly one @tensorflow/tfjs-core, found ${copies.length}: ${copies.join(', ')}`), {
            hint: 'Run `npm ci` at the repository root, then this script again.',
          });
        }
        result = out;
        return `backend ${out.backend}, matMul correct, one tfjs-core (${path.relative(REPO_ROOT, copies[0])})`;
      },
    },
  ]);
  console.log(summary(result, seconds));
  return 0;
}

try {
  process.exitCode = flags.check ? await check() : await setup();
} catch (err) {
  const step = err.step ? ` at step ${err.step}` : '';
  console.error(`setup-tfjs-node: FAILED${step}: ${err.message}`);
  if (err.output && !flags.verbose) console.error(`--- last output ---\n${tail(err.output)}\n---`);
  if (err.hint) console.error(`what to do: ${err.hint}`);
  process.exitCode = 1;
}

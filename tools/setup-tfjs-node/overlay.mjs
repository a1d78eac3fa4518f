/**
 * Step 6: put the cached tfjs-node into this checkout's node_modules WITHOUT
 * running npm at the repository root.
 *
 * Only one directory is added: node_modules/@tensorflow/tfjs-node. Its own
 * dependencies go into its private node_modules/, except those the root
 * already has at exactly the same version (above all @tensorflow/tfjs-core
 * and tfjs-backend-cpu), which Node then resolves upwards to the root copies.
 * So tfjs-node, @tensorflow/tfjs and the checkout's own packages share the one
 * hoisted tfjs-core and its global engine, and nothing else at the root
 * changes: package.json, package-lock.json and the other installed packages
 * are left alone. Files are hard-linked from the cache when it is on the same
 * filesystem (fast, no extra space), else copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { STAMP_FILE, TFJS_NODE_VERSION } from './config.mjs';
import { StepError } from './run.mjs';
import { stagedPackage } from './stage.mjs';

/** Packages that must resolve to the root copy, never a private one. */
const MUST_SHARE = ['@tensorflow/tfjs-core'];

function readVersion(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Top-level package directories of a node_modules folder, as names like `a` or `@s/b`. */
function packagesIn(modules) {
  if (!fs.existsSync(modules)) return [];
  const out = [];
  for (const e of fs.readdirSync(modules)) {
    if (e.startsWith('.')) continue;
    if (e.startsWith('@')) {
      for (const s of fs.readdirSync(path.join(modules, e))) out.push(`${e}/${s}`);
    } else out.push(e);
  }
  return out;
}

/** Recursively links (or copies) a tree; symlinks are recreated as they are. */
function cloneTree(src, dst, state) {
  const st = fs.lstatSync(src);
  if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(src), dst);
  } else if (st.isDirectory()) {
    fs.mkdirSync(dst, { recursive: true });
    for (const e of fs.readdirSync(src)) cloneTree(path.join(src, e), path.join(dst, e), state);
  } else {
    if (state.link) {
      try {
        fs.linkSync(src, dst);
        state.files++;
        return;
      } catch (err) {
        if (!['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes(err.code)) throw err;
        state.link = false;
      }
    }
    fs.copyFileSync(src, dst);
    state.files++;
  }
}

/** The root's tfjs-core must exist and match; otherwise `npm ci` was not run (or pins another version). */
export function checkRoot(p) {
  const core = readVersion(path.join(p.rootModules, '@tensorflow', 'tfjs-core'));
  if (!core) {
    throw new StepError(`${path.join(p.rootModules, '@tensorflow/tfjs-core')} is missing`, {
      hint: 'Run `npm ci` at the repository root first, then run this script again.',
    });
  }
  if (core !== TFJS_NODE_VERSION) {
    throw new StepError(`the root has @tensorflow/tfjs-core@${core}, tfjs-node needs ${TFJS_NODE_VERSION}`, {
      hint: `Pin @tensorflow/tfjs-core to ${TFJS_NODE_VERSION} (or bump TFJS_NODE_VERSION in tools/setup-tfjs-node/config.mjs).`,
    });
  }
}

/** Reads the stamp of the package installed in the checkout, if any. */
export function installedStamp(p) {
  try {
    return JSON.parse(fs.readFileSync(path.join(p.target, STAMP_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Step 6: copy the staged package (plus unshared dependencies) into node_modules atomically. */
export function overlay(stage, p, stamp) {
  checkRoot(p);
  const parent = path.dirname(p.target);
  const tmp = path.join(parent, `.tfjs-node.tmp-${process.pid}`);
  const old = path.join(parent, `.tfjs-node.old-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  const state = { link: true, files: 0 };
  const shared = [];
  const priv = [];
  try {
    cloneTree(stagedPackage(stage), tmp, state);
    const stageModules = path.join(stage, 'node_modules');
    for (const name of packagesIn(stageModules)) {
      if (name === '@tensorflow/tfjs-node') continue;
      const want = readVersion(path.join(stageModules, name));
      const have = readVersion(path.join(p.rootModules, name));
      if (have && have === want) {
        shared.push(name);
        continue;
      }
      if (MUST_SHARE.includes(name)) {
        throw new StepError(`root ${name}@${have ?? 'missing'} differs from the ${want} tfjs-node needs`, {
          hint: 'Run `npm ci` at the repository root, then run this script again.',
        });
      }
      priv.push(name);
      cloneTree(path.join(stageModules, name), path.join(tmp, 'node_modules', name), state);
    }
    fs.writeFileSync(
      path.join(tmp, STAMP_FILE),
      JSON.stringify({ ...stamp, stage, sharedWithRoot: shared, installedAt: new Date().toISOString() }, null, 2) + '\n',
    );
    if (fs.existsSync(p.target) || isLink(p.target)) fs.renameSync(p.target, old);
    fs.renameSync(tmp, p.target);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
  return (
    `${state.link ? 'hard-linked' : 'copied'} ${state.files} files into node_modules/@tensorflow/tfjs-node ` +
    `(${priv.length} private deps, ${shared.length} shared with the root incl. ${shared.filter((s) => s.startsWith('@tensorflow/')).join(', ')})`
  );
}

function isLink(p) {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

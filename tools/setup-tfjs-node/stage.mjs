/**
 * Steps 3 to 5, all inside the cache: install @tensorflow/tfjs-node (without
 * its install script) into a private npm prefix, give it the wheel's library
 * and headers as `deps/`, and compile its N-API binding with node-gyp.
 * The result is a complete, cached node_modules tree the checkout copies from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TFJS_NODE_VERSION, STAMP_FILE, cacheKey } from './config.mjs';
import { StepError, run } from './run.mjs';

/** Environment for child npm processes: drop settings inherited from an outer `npm run`. */
export function npmEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^npm_config_(prefix|global|location|workspaces?|include_workspace_root|save.*|dry_run)$/i.test(k)) {
      delete env[k];
    }
  }
  return env;
}

/** Directory of the tfjs-node package inside a staging prefix. */
export function stagedPackage(stage) {
  return path.join(stage, 'node_modules', '@tensorflow', 'tfjs-node');
}

/**
 * The N-API version the binding is built for: the highest one that both
 * tfjs-node (`binary.napi_versions`) and this Node support, which is also the
 * one node-pre-gyp's `find()` looks for at `lib/napi-v{N}/`.
 */
export function napiBuildVersion(pkgJson) {
  const ours = Number(process.versions.napi);
  const theirs = pkgJson?.binary?.napi_versions ?? [3, 4, 5, 6, 7, 8];
  const best = Math.max(...theirs.filter((v) => v <= ours));
  if (!Number.isFinite(best)) {
    throw new StepError(`Node's N-API ${ours} is older than any version tfjs-node supports (${theirs})`);
  }
  return best;
}

/** Reads the staged stamp; returns it only if the staged tree is complete and still consistent. */
export function stageReady(stage, napi, p) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(stage, STAMP_FILE), 'utf8'));
    const pkg = stagedPackage(stage);
    const ok =
      stamp.key === cacheKey(napi) &&
      fs.existsSync(path.join(pkg, 'lib', `napi-v${napi}`, 'tfjs_binding.node')) &&
      // existsSync follows the symlinks, so this also checks the extracted libraries
      fs.existsSync(path.join(pkg, 'deps', 'lib', 'libtensorflow.so')) &&
      fs.existsSync(path.join(pkg, 'deps', 'lib', 'libtensorflow_framework.so')) &&
      fs.realpathSync(path.join(pkg, 'deps', 'lib', 'libtensorflow.so')).startsWith(p.libtfLib);
    return ok ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Step 3: `npm install --ignore-scripts @tensorflow/tfjs-node@X` into a fresh private prefix. */
export function installStage(stage) {
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify(
      {
        name: 'hourglass-tfjs-node-stage',
        private: true,
        description: 'Written by tools/setup-tfjs-node.mjs; safe to delete.',
        dependencies: { '@tensorflow/tfjs-node': TFJS_NODE_VERSION },
      },
      null,
      2,
    ) + '\n',
  );
  run(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--workspaces=false', '--loglevel=error',
      '--prefix', stage],
    {
      cwd: stage,
      env: npmEnv(),
      hint: 'npm could not install @tensorflow/tfjs-node from the registry; check `npm ping` and your npm proxy settings.',
    },
  );
  const pkgJson = JSON.parse(fs.readFileSync(path.join(stagedPackage(stage), 'package.json'), 'utf8'));
  return { pkgJson, status: `installed @tensorflow/tfjs-node@${pkgJson.version} and its dependencies (scripts skipped)` };
}

/**
 * Step 4: `deps/include` -> the wheel's include/, `deps/lib/` holds symlinks
 * to the two .so.2 files plus the unversioned names the linker asks for
 * (`-ltensorflow -ltensorflow_framework`).
 */
export function linkDeps(stage, p) {
  const deps = path.join(stagedPackage(stage), 'deps');
  fs.rmSync(deps, { recursive: true, force: true });
  fs.mkdirSync(path.join(deps, 'lib'), { recursive: true });
  fs.symlinkSync(p.libtfInclude, path.join(deps, 'include'));
  const lib = path.join(deps, 'lib');
  for (const so of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) {
    fs.symlinkSync(path.join(p.libtfLib, so), path.join(lib, so));
  }
  fs.symlinkSync('libtensorflow_cc.so.2', path.join(lib, 'libtensorflow.so'));
  fs.symlinkSync('libtensorflow_framework.so.2', path.join(lib, 'libtensorflow_framework.so'));
  return `deps/include -> ${p.libtfInclude}; deps/lib -> ${p.libtfLib}`;
}

/** node-gyp as shipped with npm, or `npm exec node-gyp` as a last resort. */
function nodeGypCommand() {
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(path.resolve(path.dirname(process.env.npm_execpath), '..'));
  candidates.push(path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'));
  const root = spawnSync('npm', ['root', '-g'], { encoding: 'utf8', env: npmEnv() });
  if (root.status === 0) candidates.push(path.join(root.stdout.trim(), 'npm'));
  for (const npmDir of candidates) {
    const js = path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (fs.existsSync(js)) return { cmd: process.execPath, args: [js] };
  }
  return { cmd: 'npm', args: ['exec', '--yes', '--', 'node-gyp'] };
}

/** Node's headers shipped next to the binary (e.g. /usr/include/node), so node-gyp needs no download. */
function nodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

/**
 * Step 5: `node-gyp rebuild` in the staged package, then make sure the binding
 * is where tfjs-node's JS looks for it (`lib/napi-v{N}/tfjs_binding.node`).
 */
export function buildBinding(stage, napi) {
  const pkg = stagedPackage(stage);
  const modulePath = path.join(pkg, 'lib', `napi-v${napi}`);
  const gyp = nodeGypCommand();
  const nd = nodeDir();
  run(
    gyp.cmd,
    [...gyp.args, 'rebuild', `--jobs=max`, `--napi_build_version=${napi}`, '--module_name=tfjs_binding',
      `--module_path=${modulePath}`, ...(nd ? [`--nodedir=${nd}`] : [])],
    {
      cwd: pkg,
      env: npmEnv(),
      hint:
        'Compiling the binding needs g++, make and python3 (Debian: apt-get install g++ make python3) and ' +
        "Node's headers (found next to the node binary, else node-gyp downloads them).",
    },
  );
  const built = path.join(pkg, 'build', 'Release', 'tfjs_binding.node');
  if (!fs.existsSync(built)) throw new StepError(`node-gyp finished but ${built} is missing`);
  fs.mkdirSync(modulePath, { recursive: true });
  fs.copyFileSync(built, path.join(modulePath, 'tfjs_binding.node'));
  // Object files are not needed at run time; keep only the linked binding.
  fs.rmSync(path.join(pkg, 'build'), { recursive: true, force: true });
  const kb = (fs.statSync(path.join(modulePath, 'tfjs_binding.node')).size / 1024).toFixed(0);
  return `built lib/napi-v${napi}/tfjs_binding.node (${kb} KB)`;
}

/** Marks the staged tree complete (only after it was verified). */
export function writeStageStamp(stage, napi, p, extra = {}) {
  const stamp = {
    key: cacheKey(napi),
    libtensorflow: p.libtfLib,
    node: process.version,
    builtAt: new Date().toISOString(),
    ...extra,
  };
  fs.writeFileSync(path.join(stage, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
  return stamp;
}

#!/usr/bin/env node
/**
 * A Python with Keras 3 for the Keras export and import tests and the
 * distributed-training example: a virtual environment with TensorFlow's
 * CPU wheel (which brings Keras 3) in the Hourglass cache, outside the
 * checkout.
 *
 *   1. python3 -m venv ~/.cache/hourglass/keras-venv            (cached)
 *   2. pip install tensorflow-cpu==2.21.0 h5py onnxruntime==1.30.0 (the
 *      README's ONNX snippet runs in this Python too), with the wheel that
 *      tools/setup-tfjs-node.mjs downloaded as a --find-links source  (cached)
 *   3. verify: the installed versions, without importing TensorFlow (fast)
 *
 * A stamp file in the venv records what was installed; a run with a
 * matching stamp only verifies. The tests find the venv's python (or
 * HOURGLASS_KERAS_PYTHON) and skip without it unless HOURGLASS_REQUIRE_KERAS=1.
 *
 * A venv made for other requirements is kept and completed by pip (an
 * added package does not reinstall TensorFlow).
 *
 * Usage: node tools/setup-keras.mjs [--check] [--python] [--force] [--verbose]
 *   --check    only report whether the venv is ready (exit 0) or not (exit 1)
 *   --python   print the venv's python (exit 1, printing nothing, when it is not ready)
 *   --force    delete the venv and install again
 *   --verbose  stream pip's output
 * Environment: HOURGLASS_CACHE (cache root; the venv is its keras-venv/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TF_VERSION, TF_WHEEL_NAME, cacheRoot } from './setup-tfjs-node/config.mjs';
import { run, setLogPrefix, setVerbose, steps, tail } from './setup-tfjs-node/run.mjs';

const USAGE = 'usage: node tools/setup-keras.mjs [--check] [--python] [--force] [--verbose]';
const argv = process.argv.slice(2);
const known = new Set(['--check', '--python', '--force', '--verbose', '--help', '-h']);
if (argv.some((a) => !known.has(a)) || argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(argv.some((a) => !known.has(a)) ? 2 : 0);
}
const flags = { check: argv.includes('--check'), python: argv.includes('--python'), force: argv.includes('--force'), verbose: argv.includes('--verbose') };
setVerbose(flags.verbose);
setLogPrefix('setup-keras');

const cache = path.dirname(cacheRoot());
const venv = path.join(cache, 'keras-venv');
const python = path.join(venv, 'bin', 'python');
const stampFile = path.join(venv, '.hourglass-setup.json');
const wheels = path.join(cacheRoot(), 'wheels');
const REQUIREMENTS = [`${TF_WHEEL_NAME}==${TF_VERSION}`, 'h5py', 'onnxruntime==1.30.0'];
const KEY = REQUIREMENTS.join(' ');

const readStamp = () => {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
};
const ready = () => fs.existsSync(python) && readStamp()?.key === KEY;

/** The installed versions, read from the packages' metadata (importing TensorFlow takes seconds). */
function versions() {
  const code = "import importlib.metadata as m, json, sys; print(json.dumps({p: m.version(p) for p in ['tensorflow-cpu', 'keras', 'h5py', 'numpy']} | {'python': sys.version.split()[0]}))";
  const r = spawnSync(python, ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw Object.assign(new Error(`the venv's python cannot read its packages: ${tail(r.stderr, 5)}`), { hint: 'Run `node tools/setup-keras.mjs --force`.' });
  return JSON.parse(r.stdout);
}

const describe = (v) => `Keras ${v.keras}, TensorFlow ${v['tensorflow-cpu']}, Python ${v.python} in ${venv}`;

if (flags.python) {
  if (ready()) console.log(python);
  else process.exitCode = 1;
} else if (flags.check) {
  if (ready()) {
    console.log(`OK: ${describe(versions())}`);
  } else {
    console.log(`NOT READY: no Keras venv with ${KEY} at ${venv}\n  fix: node tools/setup-keras.mjs`);
    process.exitCode = 1;
  }
} else {
  try {
    let installed;
    const seconds = await steps([
      {
        name: 'create the virtual environment',
        fn: () => {
          if (flags.force) fs.rmSync(venv, { recursive: true, force: true });
          if (ready()) return `cached (${venv})`;
          if (fs.existsSync(python)) return `kept (${venv}); pip completes it`;
          fs.rmSync(venv, { recursive: true, force: true });
          run('python3', ['-m', 'venv', venv], { hint: 'Install python3 with its venv module (Debian: apt-get install python3-venv).' });
          return `created ${venv}`;
        },
      },
      {
        name: `pip install ${KEY}`,
        fn: () => {
          if (ready()) return 'cached';
          const findLinks = fs.existsSync(wheels) ? ['--find-links', wheels] : [];
          run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', ...findLinks, ...REQUIREMENTS], {
            hint: `pip could not install ${KEY}; they must come from a pip index this machine reaches (check \`pip config list\`).`,
          });
          fs.writeFileSync(stampFile, `${JSON.stringify({ key: KEY, builtAt: new Date().toISOString() }, null, 2)}\n`);
          return findLinks.length ? `installed (TensorFlow's wheel from ${wheels})` : 'installed';
        },
      },
      {
        name: 'verify',
        fn: () => {
          installed = versions();
          if (installed['tensorflow-cpu'] !== TF_VERSION || !/^3\./.test(installed.keras))
            throw Object.assign(new Error(`expected TensorFlow ${TF_VERSION} with Keras 3, found ${describe(installed)}`), { hint: 'Run `node tools/setup-keras.mjs --force`.' });
          return describe(installed);
        },
      },
    ]);
    console.log(`OK: ${describe(installed)}, setup ${seconds.toFixed(1)} s`);
  } catch (err) {
    const step = err.step ? ` at step ${err.step}` : '';
    console.error(`setup-keras: FAILED${step}: ${err.message}`);
    if (err.output && !flags.verbose) console.error(`--- last output ---\n${tail(err.output)}\n---`);
    if (err.hint) console.error(`what to do: ${err.hint}`);
    process.exitCode = 1;
  }
}

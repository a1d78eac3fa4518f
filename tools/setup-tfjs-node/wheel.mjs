/**
 * Steps 1 and 2: fetch TensorFlow's wheel with pip (from whatever index pip is
 * configured with) and extract the C library and headers from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TF_VERSION, TF_WHEEL_NAME } from './config.mjs';
import { StepError, run } from './run.mjs';

const MEMBERS = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'];
const COMPLETE = '.complete';

/** The wheel file already in the cache, if any. */
export function findWheel(dir) {
  if (!fs.existsSync(dir)) return undefined;
  const prefix = `${TF_WHEEL_NAME.replace(/-/g, '_')}-${TF_VERSION}-`;
  const hit = fs.readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.whl'));
  return hit && path.join(dir, hit);
}

/** True when lib/ and include/ were fully extracted before. */
export function libtfReady(p) {
  return (
    fs.existsSync(path.join(p.libtf, COMPLETE)) &&
    MEMBERS.every((m) => fs.existsSync(path.join(p.libtfLib, m))) &&
    fs.existsSync(path.join(p.libtfInclude, 'tensorflow', 'c', 'c_api.h'))
  );
}

/** Step 1: `pip download --no-deps tensorflow-cpu==X` into the cache (skipped when present). */
export function downloadWheel(p, { force = false } = {}) {
  const env = process.env.HOURGLASS_TF_WHEEL;
  if (env) {
    if (!fs.existsSync(env)) throw new StepError(`HOURGLASS_TF_WHEEL=${env} does not exist`);
    return { wheel: env, status: `using HOURGLASS_TF_WHEEL=${env}` };
  }
  const existing = findWheel(p.wheels);
  if (existing && !force) return { wheel: existing, status: `cached ${path.basename(existing)}` };
  if (existing) fs.rmSync(existing);
  fs.mkdirSync(p.wheels, { recursive: true });
  const python = findPython();
  run(
    python,
    ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check',
      '--progress-bar', 'off', '-d', p.wheels, `${TF_WHEEL_NAME}==${TF_VERSION}`],
    {
      hint:
        `pip could not fetch ${TF_WHEEL_NAME}==${TF_VERSION}. It must come from a pip index this machine reaches ` +
        `(check \`pip config list\`), or download the wheel elsewhere and point HOURGLASS_TF_WHEEL=/path/to/file.whl at it.`,
    },
  );
  const wheel = findWheel(p.wheels);
  if (!wheel) throw new StepError(`pip succeeded but no ${TF_WHEEL_NAME}-${TF_VERSION} wheel is in ${p.wheels}`);
  const mb = (fs.statSync(wheel).size / 1e6).toFixed(0);
  return { wheel, status: `downloaded ${path.basename(wheel)} (${mb} MB)` };
}

/** A python3 with pip (needed for the download). */
function findPython() {
  for (const cand of ['python3', 'python']) {
    const r = spawnSync(cand, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    if (r.status === 0) return cand;
  }
  throw new StepError('no python3 with pip found on PATH', {
    hint: 'Install python3 and pip (Debian: apt-get install python3-pip), or set HOURGLASS_TF_WHEEL to a downloaded wheel.',
  });
}

/** Any python3 (only the standard library's zipfile is needed), or undefined. */
function pythonOrUndefined() {
  for (const cand of ['python3', 'python']) {
    const r = spawnSync(cand, ['-c', 'import sys, zipfile; assert sys.version_info >= (3, 6)'], { stdio: 'ignore' });
    if (r.status === 0) return cand;
  }
  return undefined;
}

/**
 * Step 2: extract `tensorflow/libtensorflow_cc.so.2`,
 * `tensorflow/libtensorflow_framework.so.2` and `tensorflow/include/` into
 * `<libtf>/lib` and `<libtf>/include`, with python's zipfile (faster) or
 * `unzip`. Extraction goes to a temporary directory that is renamed at the
 * end, so an interrupted run never leaves a half-extracted library behind.
 */
export function extractWheel(wheel, p) {
  const tmp = `${p.libtf}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const wanted = [...MEMBERS.map((m) => `tensorflow/${m}`), 'tensorflow/include/*'];
  let tool;
  try {
    const python = pythonOrUndefined();
    const hint = `The wheel may be corrupt: delete ${wheel} and run again (or pass --force).`;
    if (python) {
      // python's zipfile: no extra tool needed (and as fast as unzip or faster here).
      tool = 'python zipfile';
      const script = [
        'import sys, zipfile',
        'z = zipfile.ZipFile(sys.argv[1])',
        'names = [n for n in z.namelist() if n in sys.argv[3:] or n.startswith("tensorflow/include/")]',
        'z.extractall(sys.argv[2], names)',
      ].join('\n');
      run(python, ['-c', script, wheel, tmp, ...MEMBERS.map((m) => `tensorflow/${m}`)], { hint });
    } else if (spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0) {
      tool = 'unzip';
      run('unzip', ['-q', '-o', wheel, ...wanted, '-d', tmp], { hint });
    } else {
      throw new StepError('neither python3 nor unzip is available to extract the wheel', {
        hint: 'Install one of them (Debian: apt-get install python3 or unzip).',
      });
    }
    const src = path.join(tmp, 'tensorflow');
    for (const m of MEMBERS) {
      if (!fs.existsSync(path.join(src, m))) {
        throw new StepError(`${path.basename(wheel)} has no tensorflow/${m}`, {
          hint: `This TensorFlow release packs its C library differently; pin ${TF_WHEEL_NAME}==${TF_VERSION}.`,
        });
      }
    }
    fs.mkdirSync(path.join(tmp, 'lib'));
    for (const m of MEMBERS) fs.renameSync(path.join(src, m), path.join(tmp, 'lib', m));
    fs.renameSync(path.join(src, 'include'), path.join(tmp, 'include'));
    fs.rmSync(src, { recursive: true, force: true });
    fs.writeFileSync(path.join(tmp, COMPLETE), JSON.stringify({ wheel: path.basename(wheel) }) + '\n');
    fs.rmSync(p.libtf, { recursive: true, force: true });
    fs.renameSync(tmp, p.libtf);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const mb = MEMBERS.reduce((s, m) => s + fs.statSync(path.join(p.libtfLib, m)).size, 0) / 1e6;
  return `extracted with ${tool}: 2 libraries (${mb.toFixed(0)} MB) + include/`;
}

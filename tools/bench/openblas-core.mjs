/**
 * The PyTorch yardstick's OpenBLAS core, chosen and then checked.
 *
 * Debian's OpenBLAS 0.3.21 picks its kernels by CPU detection, and on some
 * AVX-512 CPUs it detects a Prescott and runs SSE kernels at about a fifth
 * of the speed (1024^3 matMul on 2 threads: 41 against 194 GFLOP/s), so
 * every ratio against such a run looks 2-5x better than it is. An
 * `OPENBLAS_CORETYPE` inherited from the shell is just as dangerous (a
 * Haswell core on an AVX-512 machine ran at 206 against 328 GFLOP/s here).
 *
 * `yardstickEnv` therefore drops an inherited `OPENBLAS_CORETYPE` (the
 * reference script then names SkylakeX on AVX-512 CPUs and leaves others to
 * detection) unless `BENCH_OPENBLAS_CORETYPE` asks for a core on purpose;
 * `openblasCore` asks the library itself, in a Python process with the same
 * environment, which core it runs (`openblas_get_corename`), so the figure
 * printed is what ran, not what was asked for.
 */
import { exec } from './exec.mjs';

/** Cores whose kernels are too slow for a fair yardstick: no ratio is printed against them. */
export const SLOW_CORES = ['Prescott', 'Core2', 'Katmai', 'Coppermine', 'Northwood', 'Atom', 'Nehalem', 'Penryn', 'Dunnington'];

const PROBE = `
import os, ctypes
if 'OPENBLAS_CORETYPE' not in os.environ and ' avx512f' in open('/proc/cpuinfo').read():
    os.environ['OPENBLAS_CORETYPE'] = 'SkylakeX'
import torch
torch.ones(2, 2) @ torch.ones(2, 2)
libs = sorted({l.split()[-1] for l in open('/proc/self/maps').read().splitlines() if 'openblas' in l and '.so' in l})
name = 'unknown (no OpenBLAS loaded)'
for path in libs:
    try:
        f = ctypes.CDLL(path).openblas_get_corename
        f.restype = ctypes.c_char_p
        name = f().decode()
        break
    except (OSError, AttributeError):
        pass
print(name)
`;

/**
 * The environment for the PyTorch reference: `base` without an inherited
 * `OPENBLAS_CORETYPE`, or with `BENCH_OPENBLAS_CORETYPE` as the core when set.
 * Returns the environment and a note when it changed what was inherited.
 */
export function yardstickEnv(base = process.env) {
  const env = { ...base };
  let note;
  if (base.BENCH_OPENBLAS_CORETYPE) env.OPENBLAS_CORETYPE = base.BENCH_OPENBLAS_CORETYPE;
  else if (base.OPENBLAS_CORETYPE) {
    delete env.OPENBLAS_CORETYPE;
    note = `OPENBLAS_CORETYPE=${base.OPENBLAS_CORETYPE} from the environment is not passed to PyTorch (set BENCH_OPENBLAS_CORETYPE to choose a core)`;
  }
  return { env, note };
}

/** The core OpenBLAS reports under `env` (as the reference script sets it up), e.g. 'SkylakeX'. */
export async function openblasCore(env) {
  return (await exec('/usr/bin/python3', ['-c', PROBE], { env, label: 'OpenBLAS core probe' })).trim();
}

/** True when `core` is one of the slow SSE-era cores (see {@link SLOW_CORES}). */
export function isSlowCore(core) {
  return SLOW_CORES.some((c) => c.toLowerCase() === String(core).toLowerCase());
}


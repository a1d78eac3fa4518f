/**
 * The damage `hourglass repair` works on. Either the data is already
 * damaged (no damage flag, or `--mask FILE` saying which entries are known),
 * and the clean data is known only from `--clean`; or the command damages
 * clean data itself, in a fixed order: `--blur`, then `--noise`, then a mask
 * (`--box` or `--random-mask`, missing entries set to 0, the fill the
 * occlusion and masking corruptions train with), so that the repair can be
 * measured against the data as given.
 *
 * The region where the repair is measured is the missing entries when there
 * is a mask and no blur or noise; otherwise the whole sample.
 */
import { createRng, gaussianBlur, gaussianNoise, tf } from '@hourglass/core';
import { readNpy } from '@hourglass/data';
import { UsageError } from './exit-codes.js';

/** The damage flags of `hourglass repair`. */
export interface DamageFlags {
  mask?: string;
  box?: string;
  randomMask?: number;
  noise?: number;
  blur?: number;
  seed: number;
}

/** Damaged data, its mask and where to measure the repair. */
export interface Damage {
  /** The data the model repairs (missing entries set to 0). */
  damaged: Float32Array;
  /** 1 = known, 0 = missing; absent when every entry is known (noise, blur). */
  known?: Float32Array;
  /** 1 where the repair is measured. */
  region: Float32Array;
  /** Whether the command damaged clean data itself (so the clean data is the input). */
  fromClean: boolean;
  /** What was done, for the summary. */
  description: Record<string, unknown>;
}

/** Parses `--box y,x,h,w`. */
function parseBox(text: string, shape: number[]): [number, number, number, number] {
  const parts = text.split(',').map((v) => Number(v.trim()));
  if (parts.length !== 4 || parts.some((v) => !Number.isInteger(v) || v < 0) || parts[2] < 1 || parts[3] < 1)
    throw new UsageError(`--box: expected y,x,height,width as non-negative integers (height and width >= 1) such as 10,10,8,8, got "${text}"`);
  if (shape.length < 2) throw new UsageError(`--box: needs images [height, width, channels]; this data has samples of shape [${shape.join(', ')}] (use --random-mask or --mask)`);
  const [y, x, h, w] = parts;
  if (y + h > shape[0] || x + w > shape[1])
    throw new UsageError(`--box ${text}: the box [rows ${y}..${y + h - 1}, columns ${x}..${x + w - 1}] does not fit images of ${shape[0]}x${shape[1]}`);
  return [y, x, h, w];
}

/** A known-entries mask from `--mask FILE`: an NPY of one sample's shape (shared) or of every sample's. */
function readMask(file: string, n: number, per: number): Float32Array {
  const m = readNpy(file);
  const values = m.x;
  if (values.length !== per && values.length !== n * per)
    throw new UsageError(`--mask ${file}: expected ${per} values (one sample, shared) or ${n * per} (${n} samples x ${per}), got ${values.length} (shape [${[m.n, ...m.sampleShape].join(', ')}])`);
  const known = new Float32Array(n * per);
  for (let i = 0; i < known.length; i++) {
    const v = values.length === per ? values[i % per] : values[i];
    if (v !== 0 && v !== 1) throw new UsageError(`--mask ${file}: entry ${i} is ${v}; a mask holds 1 (known) and 0 (missing)`);
    known[i] = v;
  }
  return known;
}

/**
 * Applies the damage flags to `x` (n samples of `shape`).
 *
 * @example
 * const { damaged, known, region } = makeDamage(x, 10, [28, 28, 1], { box: '10,10,8,8', seed: 1 });
 */
export function makeDamage(x: Float32Array, n: number, shape: number[], flags: DamageFlags): Damage {
  const per = x.length / Math.max(n, 1);
  const masks = [flags.mask && '--mask', flags.box && '--box', flags.randomMask !== undefined && '--random-mask'].filter(Boolean);
  if (masks.length > 1) throw new UsageError(`${masks.join(' and ')}: give one way of choosing the missing entries`);
  if (flags.mask && (flags.noise !== undefined || flags.blur !== undefined))
    throw new UsageError('--mask takes data that is already damaged; --noise and --blur damage clean data: use them with --box, --random-mask or alone');
  if (flags.blur !== undefined && shape.length !== 3)
    throw new UsageError(`--blur: needs images [height, width, channels]; this data has samples of shape [${shape.join(', ')}]`);
  const description: Record<string, unknown> = {};
  let damaged = x;
  if (flags.blur !== undefined || flags.noise !== undefined) {
    damaged = tf.tidy(() => {
      let t = tf.tensor(x, [n, ...shape]);
      if (flags.blur !== undefined) t = gaussianBlur(t, flags.blur);
      if (flags.noise !== undefined) t = gaussianNoise(t, flags.noise, flags.seed, [0, 1]);
      return t.dataSync() as Float32Array;
    }).slice();
    if (flags.blur !== undefined) description.blur = flags.blur;
    if (flags.noise !== undefined) description.noise = flags.noise;
  }
  let known: Float32Array | undefined;
  if (flags.mask) {
    known = readMask(flags.mask, n, per);
    description.mask = flags.mask;
  } else if (flags.box) {
    const [y, x0, h, w] = parseBox(flags.box, shape);
    const [width, channels] = [shape[1], shape[2] ?? 1];
    known = new Float32Array(n * per).fill(1);
    for (let i = 0; i < n; i++)
      for (let r = y; r < y + h; r++) known.fill(0, i * per + (r * width + x0) * channels, i * per + (r * width + x0 + w) * channels);
    description.box = [y, x0, h, w];
  } else if (flags.randomMask !== undefined) {
    const rng = createRng(flags.seed);
    known = Float32Array.from({ length: n * per }, () => (rng.next() < flags.randomMask! ? 0 : 1));
    description.randomMask = flags.randomMask;
  }
  if (known) damaged = Float32Array.from(damaged, (v, i) => v * known![i]);
  const whole = flags.noise !== undefined || flags.blur !== undefined || !known;
  const region = whole ? new Float32Array(n * per).fill(1) : Float32Array.from(known!, (k) => 1 - k);
  const fromClean = !flags.mask && (flags.box !== undefined || flags.randomMask !== undefined || flags.noise !== undefined || flags.blur !== undefined);
  return { damaged, known, region, fromClean, description };
}

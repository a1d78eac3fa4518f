/**
 * Hints in the syntax of the command line. Library errors keep option names
 * in their hints structured (`{ option: 'missing', value: 'mask' }`) and
 * render them as code (`missing: 'mask'`); here the same hint becomes
 * `--missing mask`. The table maps every API option a hint may name to the
 * flag that sets it; test/flag-hints.test.ts checks each flag exists.
 */
import { renderHint, type HintStyle, type HourglassError } from '@hourglass/errors';

/** API option name -> the `hourglass` flag that sets it. */
export const FLAG_OF: Readonly<Record<string, string>> = {
  missing: '--missing',
  columns: '--columns',
  label: '--label',
  size: '--size',
  format: '--format',
  window: '--window',
  stride: '--stride',
  learningRate: '--lr',
  clipNorm: '--clip-norm',
  warmup: '--warmup',
  beta2: '--beta2',
  resume: '--resume',
  batchSize: '--batch-size',
  epochs: '--epochs',
  patience: '--patience',
  validationSplit: '--val-split',
  contamination: '--contamination',
  scale: '--scale',
  loss: '--loss',
  latent: '--latent',
  hidden: '--hidden',
  seed: '--seed',
  outFormat: '--out-format',
  maxParameters: '--max-parameters',
  maxPixels: '--max-pixels',
  maxDecompressedBytes: '--max-decompressed-bytes',
  maxEntries: '--max-entries',
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Renders an option reference as a flag: `--missing mask`, `--size 28,28`, `--resume`.
 *
 * @example
 * cliStyle({ option: 'learningRate', value: 0.0001 }); // '--lr 0.0001'
 */
export const cliStyle: HintStyle = (ref) => {
  const flag = FLAG_OF[ref.option] ?? `--${kebab(ref.option)}`;
  if (ref.value === undefined || ref.value === true) return flag;
  return `${flag} ${Array.isArray(ref.value) ? ref.value.join(',') : String(ref.value)}`;
};

/**
 * The message of a deliberate error with its hint in flag syntax.
 *
 * @example
 * cliMessage(new DataError('missing value', { hint: ['use ', { option: 'missing', value: 'mask' }] })); // 'missing value; use --missing mask'
 */
export function cliMessage(error: HourglassError): string {
  return error.hint ? `${error.problem}; ${renderHint(error.hint, cliStyle)}` : error.message;
}

/**
 * Hints that read right wherever the user is. A hint is a short sentence
 * whose option names are kept structured, e.g.
 * `['pass ', { option: 'missing', value: 'mask' }, ' to mask empty cells']`.
 * The error message renders them as API options (`missing: 'mask'`); a
 * command-line tool renders the same hint with its own flag syntax
 * (`--missing mask`) through {@link renderHint} and its own style.
 */

/** An option (as the API names it) and, when the hint suggests one, a value. */
export interface OptionRef {
  /** The API option name, e.g. `missing`, `size`, `learningRate`. */
  option: string;
  /** The suggested value; absent when the hint names the option alone. */
  value?: string | number | boolean | readonly (string | number)[];
}

/** A hint: text with structured option references. */
export type Hint = readonly (string | OptionRef)[];

/** Renders one option reference; see {@link apiStyle}. */
export type HintStyle = (ref: OptionRef) => string;

/**
 * Options as written in code: `missing: 'mask'`, `size: [28, 28]`, `resume`.
 *
 * @example
 * apiStyle({ option: 'missing', value: 'mask' }); // "missing: 'mask'"
 */
export const apiStyle: HintStyle = (ref) => {
  if (ref.value === undefined) return ref.option;
  const value = JSON.stringify(ref.value).replace(/"/g, "'").replace(/,/g, ', ');
  return `${ref.option}: ${value}`;
};

/**
 * Renders a hint with a style (the API style by default).
 *
 * @example
 * renderHint(['pass ', { option: 'missing', value: 'mask' }]); // "pass missing: 'mask'"
 */
export function renderHint(hint: Hint, style: HintStyle = apiStyle): string {
  return hint.map((part) => (typeof part === 'string' ? part : style(part))).join('');
}

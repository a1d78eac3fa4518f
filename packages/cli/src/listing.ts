/** Lists in error messages: long ones are cut, saying how much was left out. */

/**
 * The first `max` items joined with commas, then "and N more".
 *
 * @example
 * someOf(['"a"', '"b"', '"c"'], 2); // '"a", "b" and 1 more'
 */
export function someOf(items: string[], max = 10): string {
  return items.slice(0, max).join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');
}

/**
 * The column names `hourglass encode` writes: z0.. for codes, `score`, the
 * data's names for reconstructions (c0.. without names).
 */

/**
 * Column names of encode's output: z0.. for codes, `score`, the data's names for reconstructions (c0.. without names).
 *
 * @example
 * outputColumns('codes', 2); // ['z0', 'z1']
 */
export function outputColumns(what: 'codes' | 'reconstructions' | 'scores', width: number, names?: string[]): string[] {
  if (what === 'scores') return ['score'];
  if (what === 'reconstructions' && names?.length && width % names.length === 0) {
    const steps = width / names.length; // windows: one name per feature and step
    return Array.from({ length: width }, (_, j) => (steps === 1 ? names[j] : `${names[j % names.length]}[${Math.floor(j / names.length)}]`));
  }
  return Array.from({ length: width }, (_, j) => `${what === 'codes' ? 'z' : 'c'}${j}`);
}

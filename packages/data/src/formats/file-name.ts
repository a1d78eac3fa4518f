/** File names as the readers show them in dataset names and errors. */

/** The last path component, without folders and without a `.gz` ending. */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/).filter(Boolean);
  return (parts[parts.length - 1] ?? file).replace(/\.gz$/i, '');
}

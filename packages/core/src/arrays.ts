/** Joining typed arrays read back in parts (batch outputs, weights, weight buffers). */

type NumberArray = { length: number; set(values: ArrayLike<number>, offset: number): void };

function concatInto<T extends NumberArray>(make: (length: number) => T, parts: readonly ArrayLike<number>[]): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * One Float32Array holding `parts` end to end.
 *
 * @example
 * concatFloat32([new Float32Array([1, 2]), new Float32Array([3])]); // Float32Array [1, 2, 3]
 */
export function concatFloat32(parts: readonly ArrayLike<number>[]): Float32Array {
  return concatInto((n) => new Float32Array(n), parts);
}

/**
 * One Uint8Array holding `parts` end to end.
 *
 * @example
 * concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])]); // Uint8Array [1, 2, 3]
 */
export function concatBytes(parts: readonly ArrayLike<number>[]): Uint8Array {
  return concatInto((n) => new Uint8Array(n), parts);
}

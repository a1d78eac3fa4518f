/** CRC-32 (IEEE), used to detect damaged or tampered weight files. */
let table: Uint32Array | undefined;

/**
 * CRC-32 of `data` as an 8-digit hex string.
 *
 * @example
 * crc32(new TextEncoder().encode('123456789')); // 'cbf43926'
 */
export function crc32(data: Uint8Array): string {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

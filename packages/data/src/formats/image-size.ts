/**
 * The pixel size an image declares in its header, read without decoding:
 * a PNG's IHDR chunk, a JPEG's start-of-frame marker. The size is checked
 * against `maxPixels` before a decoder allocates anything of that size.
 */

/** Width and height from an image header. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The declared size of a PNG or JPEG, or undefined when the header is not
 * where it should be (the decoder then reports the damage).
 *
 * @example
 * imageSize(readFileSync('photo.jpg'), 'jpeg'); // { width: 4032, height: 3024 }
 */
export function imageSize(bytes: Uint8Array, kind: 'png' | 'jpeg'): ImageSize | undefined {
  return kind === 'png' ? pngSize(bytes) : jpegSize(bytes);
}

/** IHDR is the first chunk: length (4), "IHDR", width (4), height (4), big-endian. */
function pngSize(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 24 || String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16, false), height: view.getUint32(20, false) };
}

/** Walks the markers up to the first SOFn (C0-CF but C4 DHT, C8 JPG, CC DAC): height, then width, at +5 and +7. */
function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  let i = 2;
  while (i + 3 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan data or the end, and no frame header before it
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 8 >= bytes.length) return undefined;
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] };
    }
    i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
  }
  return undefined;
}

/**
 * Decoding one PNG or JPEG (chosen by its magic bytes, not its name) into RGBA
 * bytes, with the decoders each entry point passes in (image-decode-node.ts,
 * image-decode-browser.ts): jpeg-js, and pngjs or its browser build, all pure
 * JavaScript. Only they import the decoders, so that a browser bundle without
 * decodeImage leaves them out. Any decoder failure becomes a DataError naming
 * the file. The size in the header is checked against `maxPixels` before
 * decoding (the decoders allocate what the header declares); jpeg-js gets the
 * same bound as its own `maxResolutionInMP`.
 */
import type jpeg from 'jpeg-js';
import { asDataError, DataError } from '../errors.js';
import { imageSize } from './image-size.js';
import { checkLimit, DEFAULT_MAX_PIXELS, limitOption, type PixelOptions } from './limits.js';

/** A decoded image: 8-bit RGBA, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The decoders (they may throw anything; decodeImageWith wraps it). */
export interface ImageDecoders {
  /** Decodes the bytes of one PNG file. */
  png: (bytes: Uint8Array) => RgbaImage;
  /** jpeg-js's decode. */
  jpeg: typeof jpeg.decode;
}

/** 'png', 'jpeg', or undefined, from the first bytes of a file. */
export function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Decodes PNG or JPEG bytes with the given decoders, checking the declared size first and that pixels came out. */
export function decodeImageWith(bytes: Uint8Array, file: string | undefined, decoders: ImageDecoders, options: PixelOptions = {}): RgbaImage {
  const kind = imageKind(bytes);
  if (!kind) throw new DataError('not a PNG or JPEG image (unrecognised first bytes)', { file, offset: 0 });
  const maxPixels = limitOption(options.maxPixels, 'maxPixels', DEFAULT_MAX_PIXELS);
  const size = imageSize(bytes, kind);
  if (size) checkLimit(size.width * size.height, maxPixels, `the ${kind === 'png' ? 'PNG' : 'JPEG'} image is ${size.width} x ${size.height} =`, 'pixels', 'maxPixels', { file });
  let image: RgbaImage;
  try {
    if (kind === 'png') image = decoders.png(bytes);
    else {
      // jpeg-js counts its own buffers too: about 16 bytes per pixel at most
      const maxResolutionInMP = maxPixels / 1e6;
      const img = decoders.jpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP, maxMemoryUsageInMB: Math.max(1024, 16 * maxResolutionInMP) });
      image = { width: img.width, height: img.height, data: img.data };
    }
  } catch (e) {
    throw asDataError(e, `cannot decode this ${kind === 'png' ? 'PNG' : 'JPEG'} image`, { file });
  }
  if (!(image.width > 0 && image.height > 0) || image.data.length < image.width * image.height * 4) {
    throw new DataError(`the ${kind === 'png' ? 'PNG' : 'JPEG'} image decodes to no pixels`, { file });
  }
  return image;
}

/** True when every pixel has R = G = B. */
export function isGray(image: RgbaImage): boolean {
  const d = image.data;
  for (let i = 0; i < image.width * image.height * 4; i += 4) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return false;
  return true;
}

/** decodeImage for Node: PNG with pngjs on node:zlib, JPEG with jpeg-js. */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeImageWith, type RgbaImage } from './image-decode.js';
import type { PixelOptions } from './limits.js';

function readPng(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

/**
 * Decodes PNG or JPEG bytes (the kind is told by the magic bytes). An image
 * whose header declares more than `maxPixels` pixels (default 50,000,000)
 * is refused before decoding.
 *
 * @example
 * const { width, height, data } = decodeImage(readFileSync('digit.png'), 'digit.png');
 */
export function decodeImage(bytes: Uint8Array, file?: string, options: PixelOptions = {}): RgbaImage {
  return decodeImageWith(bytes, file, { png: readPng, jpeg: jpeg.decode }, options);
}

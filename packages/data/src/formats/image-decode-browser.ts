/**
 * decodeImage for browsers: JPEG with jpeg-js, PNG with pngjs's own browser build
 * (`pngjs/browser.js`, which carries its zlib and Buffer shims), so no Node
 * builtin is needed. That build only takes its own Buffer, whose class is
 * reached through the encoding of a 1x1 PNG (synchronous, no timers).
 */
import jpeg from 'jpeg-js';
import type { PNG } from 'pngjs';
import pngjs from 'pngjs/browser.js';
import { decodeImageWith, type RgbaImage } from './image-decode.js';
import type { PixelOptions } from './limits.js';

let ShimBuffer: typeof Buffer | undefined;

function readPng(bytes: Uint8Array): RgbaImage {
  ShimBuffer ??= pngjs.PNG.sync.write({ width: 1, height: 1, data: new Uint8Array(4) } as PNG).constructor as typeof Buffer;
  const png = pngjs.PNG.sync.read(ShimBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

/**
 * Decodes PNG or JPEG bytes (the kind is told by the magic bytes). An image
 * whose header declares more than `maxPixels` pixels (default 50,000,000)
 * is refused before decoding.
 *
 * @example
 * const bytes = new Uint8Array(await (await fetch('digit.png')).arrayBuffer());
 * const { width, height, data } = decodeImage(bytes, 'digit.png');
 */
export function decodeImage(bytes: Uint8Array, file?: string, options: PixelOptions = {}): RgbaImage {
  return decodeImageWith(bytes, file, { png: readPng, jpeg: jpeg.decode }, options);
}

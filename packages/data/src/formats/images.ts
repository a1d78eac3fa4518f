/**
 * A folder of PNG / JPEG images as a dataset of [height, width, channels]
 * samples with values in [0, 1].
 *
 * - Labels: when the folder holds sub-folders of images (`cats/`, `dogs/`),
 *   each sub-folder is a class; labelNames are the sorted folder names.
 *   Images directly in the folder are then an error (mixing is ambiguous).
 * - Order: files sorted by name (code-unit order), classes in label order.
 * - Sizes: with `size` given, every image is resized to it (a linear filter
 *   that averages when shrinking); without it, all images must have the size
 *   of the first one, and any other size is a DataError naming the file.
 * - Channels: 1 (luminance) when every image is gray (R = G = B), else 3,
 *   unless `channels` says otherwise. Alpha is composited onto black.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';
import { fileError } from './file-bytes.js';
import { baseName } from './file-name.js';
import { isGray, type RgbaImage } from './image-decode.js';
import { decodeImage } from './image-decode-node.js';
import { resizeImage } from './image-resize.js';
import type { PixelOptions } from './limits.js';

/** Options of readImageFolder and readImageFiles. */
export interface ImageOptions extends PixelOptions {
  /** [height, width]: resize every image to this size. Without it, mixed sizes are an error. */
  size?: [number, number];
  /** 1 (gray) or 3 (RGB); default 1 when every image is gray, else 3. */
  channels?: 1 | 3;
  /** Dataset name (default: the folder name). */
  name?: string;
}

const IMAGE_FILE = /\.(png|jpe?g)$/i;

/**
 * Reads every .png / .jpg / .jpeg image of a folder (and of its class sub-folders).
 *
 * @example
 * const ds = readImageFolder('faces/', { size: [64, 64] }); // sampleShape [64, 64, 3]
 */
export function readImageFolder(dir: string, options: ImageOptions = {}): ArrayDataset {
  const entries = listDir(dir);
  const top = entries.filter((e) => e.isFile() && IMAGE_FILE.test(e.name)).map((e) => join(dir, e.name));
  const classes = entries
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: e.name, files: imagesIn(join(dir, e.name)) }))
    .filter((c) => c.files.length > 0);
  if (classes.length > 0 && top.length > 0) {
    throw new DataError(
      `the folder holds both images (${baseName(top[0])}) and class sub-folders (${classes[0].name}/): put every image in a class sub-folder, or none`,
      { file: top[0] },
    );
  }
  const name = options.name ?? baseName(dir);
  if (classes.length === 0) {
    if (top.length === 0) throw new DataError('no .png or .jpg images found in this folder', { file: dir });
    return readImageFiles(top, { ...options, name });
  }
  const files = classes.flatMap((c) => c.files);
  const labels = Int32Array.from(classes.flatMap((c, k) => c.files.map(() => k)));
  return { ...readImageFiles(files, { ...options, name }), labels, labelNames: classes.map((c) => c.name) };
}

/**
 * Reads a list of image files, in the given order.
 *
 * @example
 * const ds = readImageFiles(['a.png', 'b.png'], { channels: 1 });
 */
export function readImageFiles(files: string[], options: ImageOptions = {}): ArrayDataset {
  if (files.length === 0) throw new DataError('no image files given');
  const size = options.size;
  if (size && !(size.length === 2 && size.every((d) => Number.isInteger(d) && d > 0))) {
    throw new DataError(`size must be [height, width] with positive integers, got ${JSON.stringify(size)}`);
  }
  if (options.channels !== undefined && options.channels !== 1 && options.channels !== 3) {
    throw new DataError(`channels must be 1 or 3, got ${options.channels}`);
  }
  let target: { h: number; w: number; file: string } | undefined = size && { h: size[0], w: size[1], file: '' };
  const rgb: Float32Array[] = [];
  let allGray = true;
  for (const file of files) {
    const image = decodeImage(readBytes(file), file, options);
    if (!target) target = { h: image.height, w: image.width, file };
    else if (!size && (image.height !== target.h || image.width !== target.w)) {
      throw new DataError(
        `image is ${image.width}x${image.height}, expected ${target.w}x${target.h} like ${baseName(target.file)}`,
        { file, hint: ['pass ', { option: 'size', value: [target.h, target.w] }, ' (height, width) to resize all images'] },
      );
    }
    allGray &&= isGray(image);
    rgb.push(resizeImage(toRgbFloats(image), image.height, image.width, 3, target.h, target.w));
  }
  const channels = options.channels ?? (allGray ? 1 : 3);
  const pixels = target!.h * target!.w;
  const x = new Float32Array(files.length * pixels * channels);
  rgb.forEach((img, i) => {
    const base = i * pixels * channels;
    if (channels === 3) x.set(img, base);
    else for (let p = 0; p < pixels; p++) x[base + p] = 0.299 * img[3 * p] + 0.587 * img[3 * p + 1] + 0.114 * img[3 * p + 2];
  });
  for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(0, x[i]));
  return { name: options.name ?? 'images', x, n: files.length, sampleShape: [target!.h, target!.w, channels] };
}

function toRgbFloats(image: RgbaImage): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n * 3);
  const d = image.data;
  for (let p = 0; p < n; p++) {
    const a = d[4 * p + 3] / 255;
    for (let c = 0; c < 3; c++) out[3 * p + c] = (d[4 * p + c] / 255) * a;
  }
  return out;
}

function listDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOTDIR') throw new DataError('is a file, expected a folder of images', { file: dir, cause: e });
    throw fileError(e, dir);
  }
}

function imagesIn(dir: string): string[] {
  return listDir(dir).filter((e) => e.isFile() && IMAGE_FILE.test(e.name)).map((e) => join(dir, e.name));
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw fileError(e, file);
  }
}

/**
 * Where the three .wasm binaries come from: `baseUrl`, a per-file
 * `wasmPaths` map (a bundler's hashed asset URLs), or both, turned into what
 * tfjs-backend-wasm's `setWasmPaths()` accepts. tfjs takes either a prefix
 * or a map with all three names (it throws on a partial map), so a partial
 * map is completed here from `baseUrl`, else from the installed package's
 * directory (Node), else with the bare file name, which a browser resolves
 * against the page's URL.
 */
import { WasmBackendError } from './errors.js';
import type { WasmBuild, WasmFileName, WasmPaths } from './types.js';

/** The binaries of tfjs-backend-wasm, as `wasmPaths` keys (plain, SIMD, threaded SIMD). */
export const WASM_FILE_NAMES: readonly WasmFileName[] = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** The binary tfjs-backend-wasm loads for each build. */
export const BINARY_OF_BUILD: Readonly<Record<WasmBuild, WasmFileName>> = {
  plain: 'tfjs-backend-wasm.wasm',
  simd: 'tfjs-backend-wasm-simd.wasm',
  'threaded-simd': 'tfjs-backend-wasm-threaded-simd.wasm',
};

/** What to hand to tfjs' `setWasmPaths()`: a prefix, a complete map, or nothing (tfjs' default location). */
export type WasmLocation = string | Record<WasmFileName, string> | null;

/** Appends a `/` (or keeps a trailing `\`) so that a file name can follow. */
export function withTrailingSlash(url: string): string {
  return /[\\/]$/.test(url) ? url : `${url}/`;
}

/** Checks the `wasmPaths` option: an object whose keys are binary names and whose values are non-empty strings. */
export function validateWasmPaths(value: unknown): WasmPaths | undefined {
  if (value === undefined) return undefined;
  const allowed = `allowed names: ${WASM_FILE_NAMES.join(', ')}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WasmBackendError(`@hourglass/backend-wasm: wasmPaths must be an object mapping .wasm file names to URLs, got ${Array.isArray(value) ? 'an array' : String(value)}; ${allowed}`, { field: 'wasmPaths' });
  }
  for (const [key, url] of Object.entries(value)) {
    if (!(WASM_FILE_NAMES as readonly string[]).includes(key)) {
      throw new WasmBackendError(`@hourglass/backend-wasm: wasmPaths has an unknown key '${key}'; ${allowed}`, { field: `wasmPaths.${key}` });
    }
    if (typeof url !== 'string' || url.trim() === '') {
      throw new WasmBackendError(`@hourglass/backend-wasm: wasmPaths['${key}'] must be a non-empty URL or path string, got ${JSON.stringify(url) ?? String(url)}`, { field: `wasmPaths.${key}` });
    }
  }
  return value as WasmPaths;
}

/** Checks `baseUrl`: a non-empty string when given. */
export function validateBaseUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WasmBackendError(`@hourglass/backend-wasm: baseUrl must be a non-empty URL or path string, got ${JSON.stringify(value) ?? String(value)}`, { field: 'baseUrl' });
  }
  return value;
}

/**
 * The location to give tfjs: the map entries win, the other binaries come
 * from `baseUrl`, else from `fallbackBase` (the installed package's `dist/`
 * in Node), else by bare name. Without a map it is the base (or null).
 *
 * @example
 * ```ts
 * wasmLocation({ baseUrl: '/wasm', wasmPaths: { 'tfjs-backend-wasm-simd.wasm': '/a/simd.3f9a.wasm' } });
 * // { 'tfjs-backend-wasm.wasm': '/wasm/tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm': '/a/simd.3f9a.wasm', ... }
 * ```
 */
export function wasmLocation(options: { baseUrl?: string; wasmPaths?: WasmPaths }, fallbackBase?: string): WasmLocation {
  const base = options.baseUrl ?? fallbackBase;
  if (options.wasmPaths === undefined) return base === undefined ? null : withTrailingSlash(base);
  const prefix = base === undefined ? '' : withTrailingSlash(base);
  const map = {} as Record<WasmFileName, string>;
  for (const name of WASM_FILE_NAMES) map[name] = options.wasmPaths[name] ?? prefix + name;
  return map;
}

/** Where tfjs will look for `name` given `location` (tfjs' own rule: map entry, else prefix + name, else the bare name). */
export function wasmFileUrl(location: WasmLocation, name: WasmFileName): string {
  if (location === null) return name;
  return typeof location === 'string' ? location + name : location[name];
}

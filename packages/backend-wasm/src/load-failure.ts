/**
 * Why the wasm backend did not start, in words: tfjs only warns "failed to
 * load wasm binary" and `tf.setBackend('wasm')` returns false, so this looks
 * at the binary tfjs tried (the one of the build SIMD and thread support
 * select)
 * and says what is wrong with it: in a browser the HTTP status of a HEAD
 * request (GET where HEAD is refused) or the network error, in Node whether
 * the file exists. Pages opened from file:// are refused up front: they
 * cannot fetch .wasm files at all.
 */
import { describeSystemError } from '@hourglass/errors';
import { WasmBackendError } from './errors.js';
import type { WasmFileName } from './types.js';

interface PageLocation {
  protocol?: string;
  href?: string;
}

const pageLocation = (): PageLocation | undefined => (globalThis as { location?: PageLocation }).location;

/** Throws when the page was opened from a file:// URL (browsers only; call it only there). */
export function assertNotFilePage(): void {
  const location = pageLocation();
  if (location?.protocol !== 'file:') return;
  throw new WasmBackendError(
    `@hourglass/backend-wasm: this page was opened from a file:// URL (${location.href ?? 'file:'}), and pages opened from file:// cannot fetch .wasm files. ` +
      'Serve the folder over HTTP and open its http:// address instead: `hourglass serve` does, and so does any static server ' +
      '(e.g. `python3 -m http.server` or `npx serve` in the folder that `hourglass serve --export DIR` wrote).',
    { file: location.href },
  );
}

/** The absolute URL a page fetches for `url`. */
export function absoluteUrl(url: string): string {
  const href = pageLocation()?.href;
  try {
    return href === undefined ? url : new URL(url, href).href;
  } catch {
    return url;
  }
}

/** What the server says about `url`: HEAD, then GET if HEAD fails or is refused. */
async function probeUrl(url: string): Promise<string> {
  let headFailure = '';
  for (const method of ['HEAD', 'GET']) {
    try {
      const response = await fetch(url, { method, cache: 'no-store', credentials: 'same-origin' });
      if (method === 'GET') await response.body?.cancel().catch(() => undefined);
      if (method === 'HEAD' && (response.status === 405 || response.status === 501)) continue;
      const status = `${response.status} ${response.statusText}`.trim();
      if (!response.ok) return status;
      const type = response.headers.get('content-type');
      return `it is served (${status}${type ? `, Content-Type ${type}` : ''}) but did not instantiate: is it the ${binaryNameHint(url)} binary of the installed tfjs-backend-wasm version? See the warnings above`;
    } catch (error) {
      if (method === 'HEAD') headFailure = (error as Error)?.message ?? String(error);
      else {
        const message = (error as Error)?.message ?? String(error);
        return `network error (the server cannot be reached, or it is another origin that does not allow CORS): ${message}${headFailure && headFailure !== message ? ` (HEAD: ${headFailure})` : ''}`;
      }
    }
  }
  return 'no answer';
}

const binaryNameHint = (url: string): string => url.slice(url.lastIndexOf('/') + 1) || 'right';

/** Whether `path` (a path or a file:// URL) is a readable file, in Node. */
async function probeFile(path: string): Promise<string> {
  if (/^https?:/i.test(path)) return 'Node reads the .wasm files from disk: give a file path or a file:// URL';
  const fs = await import('node:fs');
  let file = path;
  if (/^file:/i.test(path)) {
    file = decodeURIComponent(new URL(path).pathname);
    if (/^\/[A-Za-z]:/.test(file)) file = file.slice(1); // file:///C:/...
  }
  try {
    const stats = await fs.promises.stat(file);
    if (!stats.isFile()) return 'it is not a file';
    return `the file exists (${stats.size} bytes) but did not instantiate: is it the binary of the installed tfjs-backend-wasm version? See the warnings above`;
  } catch (error) {
    return describeSystemError(error);
  }
}

/**
 * The error for a backend that did not initialise: names the binary tried,
 * its URL (absolute in a browser) and what is wrong with it.
 *
 * @example
 * ```ts
 * throw await loadFailure('tfjs-backend-wasm-simd.wasm', '/assets/simd.3f9a.wasm', false);
 * // ...could not load tfjs-backend-wasm-simd.wasm from http://127.0.0.1:8080/assets/simd.3f9a.wasm: 404 Not Found
 * ```
 */
export async function loadFailure(name: WasmFileName, url: string, node: boolean): Promise<WasmBackendError> {
  const where = node ? url : absoluteUrl(url);
  const why = node ? await probeFile(url) : await probeUrl(where);
  return new WasmBackendError(`@hourglass/backend-wasm: the wasm backend failed to initialise: could not load ${name} from ${where}: ${why}`, {
    file: where,
    hint: node
      ? ['check ', { option: 'baseUrl' }, ' and ', { option: 'wasmPaths' }, ', or leave both out to use the installed package']
      : ['serve the file there, or point ', { option: 'baseUrl' }, ' or ', { option: 'wasmPaths' }, ' at where it is served'],
  });
}

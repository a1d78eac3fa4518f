/**
 * A saved model served over HTTP(S), read with `fetch` (Node 18+ and every
 * browser): `loadModel('https://host/models/mnist/')` or the URL of its
 * `model.json`. Read-only: saving to a URL goes through a tfjs IO handler
 * (`http(s)://` uploads) as before.
 *
 * A server is not trusted: every response is read as a stream and cut off
 * past `maxBytes` (a Content-Length above it is refused before the body is
 * read), so a lying or endless response cannot exhaust memory. `size`
 * asks with HEAD and falls back to reading the file (kept for the `read`
 * that follows) when the server does not say or does not answer HEAD.
 */
import { ModelFileError } from '../errors.js';
import { DEFAULT_MAX_WEIGHT_BYTES } from './format.js';
import type { ModelStore } from './store-contract.js';

/** Options of `urlStore`. */
export interface UrlStoreOptions {
  /** The fetch to use (default the global one): for credentials, proxies or tests. */
  fetch?: typeof globalThis.fetch;
  /** Largest response read, in bytes (default 2 GiB, loadModel's weight bound). */
  maxBytes?: number;
}

/** True when `target` is an http(s) URL. */
export const isHttpUrl = (target: string): boolean => /^https?:\/\//i.test(target);

/**
 * A read-only store over the folder at `url` (a trailing `model.json` is taken off).
 *
 * @example
 * const model = await loadModel(urlStore('https://example.com/models/mnist/'));
 */
export function urlStore(url: string, options: UrlStoreOptions = {}): ModelStore {
  const base = new URL(url.replace(/model\.json$/i, '').replace(/\/?$/, '/'));
  const get = options.fetch ?? globalThis.fetch;
  if (typeof get !== 'function') throw new ModelFileError('this runtime has no fetch; give urlStore a fetch implementation', url);
  const limit = options.maxBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  const fetched = new Map<string, Uint8Array>();
  const where = (name: string) => new URL(name, base).href;
  const request = async (name: string, method: 'GET' | 'HEAD'): Promise<Response | undefined> => {
    let res: Response;
    try {
      res = await get(where(name), { method });
    } catch (e) {
      throw new ModelFileError(`cannot be fetched (${(e as Error).message})`, where(name));
    }
    if (res.status === 404 || res.status === 410) return undefined;
    if (!res.ok) throw new ModelFileError(`the server answered ${res.status} ${res.statusText}`.trim(), where(name));
    return res;
  };
  const body = async (name: string): Promise<Uint8Array | undefined> => {
    const res = await request(name, 'GET');
    if (!res) return undefined;
    const declared = Number(res.headers.get('content-length') ?? NaN);
    const tooBig = (n: number) => new ModelFileError(`is ${n} bytes or more, more than the ${limit} allowed (option maxBytes)`, where(name));
    if (declared > limit) throw tooBig(declared);
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = res.body?.getReader();
    if (reader)
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > limit) {
          await reader.cancel();
          throw tooBig(total);
        }
        chunks.push(value);
      }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  };
  const readOnly = () => {
    throw new ModelFileError('is read over HTTP and cannot be written; save to a directory, a store or a tfjs IO handler', base.href);
  };
  return {
    async size(name) {
      const head = await request(name, 'HEAD').catch(() => null);
      const n = head ? Number(head.headers.get('content-length') ?? NaN) : NaN;
      if (head === undefined) return undefined;
      if (Number.isFinite(n)) return n;
      const bytes = await body(name); // no length or no HEAD: read it now, keep it for read()
      if (!bytes) return undefined;
      fetched.set(name, bytes);
      return bytes.byteLength;
    },
    async read(name) {
      const kept = fetched.get(name);
      if (kept) {
        fetched.delete(name);
        return kept;
      }
      const bytes = await body(name);
      if (!bytes) throw new ModelFileError('file not found', where(name));
      return bytes;
    },
    async list() {
      return []; // HTTP has no listing; loading needs none
    },
    write: async () => readOnly(),
    remove: async () => readOnly(),
    describe: where,
  };
}

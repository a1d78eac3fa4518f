/**
 * The HTTP server of `hourglass serve`: the site's files (site.ts) on
 * 127.0.0.1 unless another host is asked for, cross-origin isolated
 * (COOP/COEP), so that the page may start the threaded WebAssembly build.
 * Only the listed files are served; anything else is a 404, so no path
 * from a request ever reaches the file system.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SiteFile } from './site.js';

/** A running server. */
export interface SiteServer {
  url: string;
  /** Paths requested, in order (for tests). */
  requests: string[];
  close(): Promise<void>;
}

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Serves `files` on `host`:`port` (port 0: any free port).
 *
 * @example
 * const server = await serveSite(files, { host: '127.0.0.1', port: 0 }); // server.url
 */
export async function serveSite(files: SiteFile[], where: { host: string; port: number }): Promise<SiteServer> {
  const byPath = new Map(files.map((f) => [`/${f.path}`, f]));
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    const file = byPath.get(path === '/' ? '/index.html' : path);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await file.read();
      res.writeHead(200, { ...HEADERS, 'Content-Type': file.type, 'Content-Length': body.byteLength }).end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500, { ...HEADERS, 'Content-Type': 'text/plain' }).end(`cannot read ${file.path}: ${(e as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The `baseUrl` / `wasmPaths` options (validation, and the complete map
 * tfjs-backend-wasm needs), and what the load-failure error finds out about
 * a URL (a local HTTP server) or a page opened from file://. Nothing here
 * starts the backend: invalid options are refused before anything is set up.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupWasm, WasmBackendError } from '../src/index.js';
import { assertNotFilePage, loadFailure } from '../src/load-failure.js';
import { WASM_FILE_NAMES, wasmFileUrl, wasmLocation } from '../src/wasm-paths.js';

const SIMD = 'tfjs-backend-wasm-simd.wasm';

describe('option validation', () => {
  it.each([
    [{ wasmPaths: { 'tfjs-backend-wasm-simd.3f9a.wasm': '/a.wasm' } }, "wasmPaths has an unknown key 'tfjs-backend-wasm-simd.3f9a.wasm'; allowed names: tfjs-backend-wasm.wasm, tfjs-backend-wasm-simd.wasm, tfjs-backend-wasm-threaded-simd.wasm", 'wasmPaths.tfjs-backend-wasm-simd.3f9a.wasm'],
    [{ wasmPaths: { [SIMD]: '' } }, "wasmPaths['tfjs-backend-wasm-simd.wasm'] must be a non-empty URL or path string, got \"\"", `wasmPaths.${SIMD}`],
    [{ wasmPaths: { [SIMD]: 42 } }, "wasmPaths['tfjs-backend-wasm-simd.wasm'] must be a non-empty URL or path string, got 42", `wasmPaths.${SIMD}`],
    [{ wasmPaths: '/wasm/' }, 'wasmPaths must be an object mapping .wasm file names to URLs, got /wasm/', 'wasmPaths'],
    [{ wasmPaths: [] }, 'wasmPaths must be an object mapping .wasm file names to URLs, got an array', 'wasmPaths'],
    [{ baseUrl: ' ' }, 'baseUrl must be a non-empty URL or path string, got " "', 'baseUrl'],
  ])('refuses %j', async (options, message, field) => {
    const caught = await setupWasm(options as never).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(WasmBackendError);
    expect(caught).toMatchObject({ code: 'BACKEND', field, message: expect.stringContaining(`@hourglass/backend-wasm: ${message}`) });
  });
});

describe('wasmLocation()', () => {
  const hashed = '/assets/tfjs-backend-wasm-simd.3f9a.wasm';

  it('is the base with a trailing slash, or null, without a map', () => {
    expect(wasmLocation({ baseUrl: '/wasm' })).toBe('/wasm/');
    expect(wasmLocation({ baseUrl: 'C:\\wasm\\' })).toBe('C:\\wasm\\');
    expect(wasmLocation({}, '/pkg/dist/')).toBe('/pkg/dist/');
    expect(wasmLocation({})).toBeNull();
  });

  it('completes a partial map from baseUrl; map entries win', () => {
    expect(wasmLocation({ baseUrl: 'https://cdn.example/wasm', wasmPaths: { [SIMD]: hashed } }, '/pkg/dist/')).toEqual({
      'tfjs-backend-wasm.wasm': 'https://cdn.example/wasm/tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm': hashed,
      'tfjs-backend-wasm-threaded-simd.wasm': 'https://cdn.example/wasm/tfjs-backend-wasm-threaded-simd.wasm',
    });
  });

  it('without baseUrl, completes it from the package directory (Node), else by bare name (page-relative)', () => {
    expect(wasmLocation({ wasmPaths: { [SIMD]: hashed } }, '/pkg/dist/')).toMatchObject({ 'tfjs-backend-wasm.wasm': '/pkg/dist/tfjs-backend-wasm.wasm', [SIMD]: hashed });
    expect(wasmLocation({ wasmPaths: { [SIMD]: hashed } })).toEqual({
      'tfjs-backend-wasm.wasm': 'tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm': hashed,
      'tfjs-backend-wasm-threaded-simd.wasm': 'tfjs-backend-wasm-threaded-simd.wasm',
    });
  });

  it('a complete map is taken as it is', () => {
    const all = Object.fromEntries(WASM_FILE_NAMES.map((name, i) => [name, `/a/${i}.wasm`]));
    expect(wasmLocation({ baseUrl: '/ignored/', wasmPaths: all })).toEqual(all);
  });

  it('wasmFileUrl() follows tfjs: map entry, else prefix + name, else the bare name', () => {
    expect(wasmFileUrl(wasmLocation({ wasmPaths: { [SIMD]: hashed } }), SIMD)).toBe(hashed);
    expect(wasmFileUrl('/wasm/', SIMD)).toBe('/wasm/tfjs-backend-wasm-simd.wasm');
    expect(wasmFileUrl(null, SIMD)).toBe(SIMD);
  });
});

describe('loadFailure() over HTTP', () => {
  let server: Server;
  let base = '';
  const methods: string[] = [];
  beforeAll(async () => {
    // HEAD is refused (405) on /no-head/, as some static servers do; /here.wasm exists.
    server = createServer((req, res) => {
      methods.push(`${req.method} ${req.url}`);
      if (req.url?.startsWith('/no-head/') && req.method === 'HEAD') res.writeHead(405).end();
      else if (req.url?.endsWith('/here.wasm')) res.writeHead(200, { 'Content-Type': 'application/wasm' }).end('\0asm');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names the URL and the status of a missing file', async () => {
    const error = await loadFailure(SIMD, `${base}/assets/simd.3f9a.wasm`, false);
    expect(error).toBeInstanceOf(WasmBackendError);
    expect(error.file).toBe(`${base}/assets/simd.3f9a.wasm`);
    expect(error.problem).toBe(`@hourglass/backend-wasm: the wasm backend failed to initialise: could not load ${SIMD} from ${base}/assets/simd.3f9a.wasm: 404 Not Found`);
    expect(error.message).toContain("point baseUrl or wasmPaths at where it is served");
  });

  it('falls back to GET when HEAD is refused', async () => {
    methods.length = 0;
    expect((await loadFailure(SIMD, `${base}/no-head/x.wasm`, false)).problem).toMatch(/: 404 Not Found$/);
    expect(methods).toEqual(['HEAD /no-head/x.wasm', 'GET /no-head/x.wasm']);
  });

  it('says when the file is served but did not instantiate', async () => {
    expect((await loadFailure(SIMD, `${base}/here.wasm`, false)).problem).toContain('it is served (200 OK, Content-Type application/wasm) but did not instantiate');
  });

  it('reports a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await loadFailure(SIMD, `http://127.0.0.1:${port}/x.wasm`, false)).problem).toMatch(new RegExp(`from http://127.0.0.1:${port}/x.wasm: network error \\(the server cannot be reached, or it is another origin that does not allow CORS\\): `));
  });
});

describe('pages opened from file://', () => {
  it('are refused with what to do instead', () => {
    const g = globalThis as { location?: unknown };
    g.location = { protocol: 'file:', href: 'file:///home/me/export/index.html' };
    try {
      expect(assertNotFilePage).toThrow(WasmBackendError);
      expect(assertNotFilePage).toThrow(/opened from a file:\/\/ URL \(file:\/\/\/home\/me\/export\/index.html\), and pages opened from file:\/\/ cannot fetch \.wasm files\. Serve the folder over HTTP .*hourglass serve --export DIR/);
      g.location = { protocol: 'http:', href: 'http://127.0.0.1:8080/' };
      expect(assertNotFilePage).not.toThrow();
    } finally {
      delete g.location;
    }
  });
});

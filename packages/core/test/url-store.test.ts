/**
 * Loading a saved model over HTTP with fetch: from the folder's URL or its
 * model.json's, with or without HEAD and Content-Length, 404s, and a server
 * that sends more than it may; a path to model.json names its folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf, Autoencoder, saveModel, loadModel, readModelJson, urlStore } from '../src/index.js';
import { useTestVariantsAndDir, values } from './helpers.js';

let dir: string;
useTestVariantsAndDir('hourglass-url-', (d) => (dir = d));

/** How the test server behaves. */
const mode = { head: true, length: true, flood: false };
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const name = decodeURIComponent(new URL(req.url!, 'http://x').pathname).replace(/^\/models\/m\//, '');
    if (req.method === 'HEAD' && !mode.head) return void res.writeHead(405).end();
    if (mode.flood) {
      res.writeHead(200); // no length: streams until the client stops reading
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    let body: Buffer;
    try {
      if (name.includes('/') || name.includes('..')) throw new Error('outside');
      body = await readFile(join(dir, 'm', name));
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, mode.length ? { 'content-length': body.byteLength } : { 'transfer-encoding': 'chunked' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}/models/m/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const make = () => Autoencoder.create({ inputShape: [3, 4], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed: 4 });

describe('loading over HTTP', () => {
  it('loads from the folder URL or the model.json URL, with the outputs of the saved model, and reads the description alone', async () => {
    const m = make();
    m.metadata = { dataset: 'served' };
    await saveModel(m, join(dir, 'm'));
    const x = tf.randomUniform([2, 3, 4], 0, 1, 'float32', 1);
    for (const url of [base, base.slice(0, -1), `${base}model.json`]) {
      const loaded = await loadModel(url);
      expect(values(loaded.reconstruct(x))).toEqual(values(m.reconstruct(x)));
      expect(loaded.metadata).toEqual({ dataset: 'served' });
      loaded.dispose();
    }
    expect((await readModelJson(`${base}model.json`)).recipe.variants[0].name).toBe('test-dense');
    // a server without HEAD and without Content-Length
    Object.assign(mode, { head: false, length: false });
    try {
      const loaded = await loadModel(base);
      expect(values(loaded.reconstruct(x))).toEqual(values(m.reconstruct(x)));
      loaded.dispose();
    } finally {
      Object.assign(mode, { head: true, length: true });
    }
    m.dispose();
    x.dispose();
  });

  it('says what is missing, refuses to write, and stops reading a response past its bound', async () => {
    await expect(loadModel(base.replace('/m/', '/none/'))).rejects.toThrow(/model\.json: file not found \(is this a saved model directory\?\)/);
    await expect(saveModel(make(), urlStore(base))).rejects.toThrow('is read over HTTP and cannot be written');
    mode.flood = true;
    try {
      await expect(urlStore(base, { maxBytes: 1 << 20 }).read('model.json')).rejects.toThrow(/model\.json: is \d+ bytes or more, more than the 1048576 allowed \(option maxBytes\)/);
    } finally {
      mode.flood = false;
    }
  });

  it('takes the path of a model.json as its folder', async () => {
    const m = make();
    await saveModel(m, join(dir, 'p', 'model.json'));
    const loaded = await loadModel(join(dir, 'p', 'model.json'));
    expect(loaded.recipe).toEqual(m.recipe);
    [m, loaded].forEach((a) => a.dispose());
  });
});

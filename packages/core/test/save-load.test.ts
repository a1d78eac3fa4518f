import { describe, expect, it } from 'vitest';
import { readFile, writeFile, readdir, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { tf, Autoencoder, saveModel, loadModel, memoryStore, directoryStore, ModelFileError, crc32 } from '../src/index.js';
import { expectNoLeak, useTestVariantsAndDir, values } from './helpers.js';

let dir: string;
useTestVariantsAndDir('hourglass-save-', (d) => (dir = d));

const make = (seed = 1) => Autoencoder.create({ inputShape: [3, 4], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed });

async function savedCopy(name: string) {
  const m = make();
  const path = join(dir, name);
  await saveModel(m, path);
  m.dispose();
  const files = await readdir(path);
  return { path, weights: join(path, files.find((f) => f.endsWith('.bin'))!), json: join(path, 'model.json') };
}

describe('save and load', () => {
  it('round-trips to bit-identical outputs through a directory', async () => {
    const m = make(3);
    m.scaling = { kind: 'minmax', params: { min: [0], max: [1] } };
    m.metadata = { dataset: 'unit' };
    const path = join(dir, 'roundtrip');
    await saveModel(m, path);
    const loaded = await loadModel(path);
    const x = tf.randomUniform([4, 3, 4], 0, 1, 'float32', 2);
    expect(values(loaded.reconstruct(x))).toEqual(values(m.reconstruct(x)));
    expect(values(loaded.encode(x))).toEqual(values(m.encode(x)));
    expect(loaded.recipe).toEqual(m.recipe);
    expect(loaded.scaling).toEqual(m.scaling);
    expect(loaded.metadata).toEqual({ dataset: 'unit' });
    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'hourglass.model', formatVersion: 1, variants: [{ name: 'test-dense', version: '1.0.0', role: 'architecture' }] });
    expect(json.weightsManifest[0].weights[0]).toEqual({ name: 'encoder/dense_1/kernel', shape: [12, 8], dtype: 'float32' });
    expect(json.architecture.encoder[0]).toEqual({ type: 'flatten' });
    [m, loaded].forEach((a) => a.dispose());
  });
  it('round-trips through an in-memory store (browsers)', async () => {
    const m = make(4);
    const store = memoryStore();
    await saveModel(m, store);
    expect([...store.files.keys()].sort()).toEqual(expect.arrayContaining(['model.json']));
    const loaded = await loadModel(store);
    m.weights.forEach((w, i) => expect(values(loaded.weights[i].variable)).toEqual(values(w.variable)));
    [m, loaded].forEach((a) => a.dispose());
  });
  it('replaces an older save and removes its weights file', async () => {
    const path = join(dir, 'overwrite');
    const a = make(1);
    const b = make(2);
    await saveModel(a, path);
    await saveModel(b, path);
    const files = (await readdir(path)).sort();
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(files.some((f) => f.includes('.tmp-'))).toBe(false);
    const loaded = await loadModel(path);
    expect(values(loaded.weights[0].variable)).toEqual(values(b.weights[0].variable));
    [a, b, loaded].forEach((m) => m.dispose());
  });
  it('keeps the previous model intact when a save dies half-way', async () => {
    const path = join(dir, 'crash');
    const a = make(1);
    const b = make(2);
    await saveModel(a, path);
    // A store that dies after writing the new weights file, before model.json.
    const real = directoryStore(path);
    const dying = { ...real, write: async (files: Array<[string, Uint8Array]>) => {
      await real.write(files.slice(0, 1));
      throw new Error('killed');
    } };
    await expect(saveModel(b, dying)).rejects.toThrow('killed');
    const loaded = await loadModel(path);
    a.weights.forEach((w, i) => expect(values(loaded.weights[i].variable)).toEqual(values(w.variable)));
    // The next successful save clears the orphaned weights file.
    await saveModel(b, path);
    expect((await readdir(path)).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    [a, b, loaded].forEach((m) => m.dispose());
  });
  it('leaks no tensors', async () => {
    const path = join(dir, 'leak');
    const m = make();
    await saveModel(m, path);
    await expectNoLeak(async () => {
      (await loadModel(path)).dispose();
    });
    m.dispose();
  });

  describe('rejects damaged or hostile files with a clear error', () => {
    const expectFileError = async (path: string, pattern: RegExp) => {
      const before = tf.memory().numTensors;
      const err = await loadModel(path).catch((e) => e);
      expect(err).toBeInstanceOf(ModelFileError);
      expect(err.message).toMatch(pattern);
      expect(tf.memory().numTensors).toBe(before);
    };
    it('missing directory', async () => expectFileError(join(dir, 'nothing-here'), /nothing-here\/model.json: file not found/));
    it('truncated model.json', async () => {
      const c = await savedCopy('trunc-json');
      const text = await readFile(c.json, 'utf8');
      await writeFile(c.json, text.slice(0, text.length / 2));
      await expectFileError(c.path, /model.json: not valid JSON.*truncated/);
    });
    it('truncated weights', async () => {
      const c = await savedCopy('trunc-bin');
      await truncate(c.weights, 100);
      await expectFileError(c.path, /\.bin: holds 100 bytes but model.json declares \d+/);
    });
    it('tampered weights', async () => {
      const c = await savedCopy('tamper');
      const bytes = await readFile(c.weights);
      bytes[17] ^= 0xff;
      await writeFile(c.weights, bytes);
      await expectFileError(c.path, /checksum mismatch/);
    });
    it('a weights path that leaves the directory', async () => {
      const c = await savedCopy('escape');
      const json = JSON.parse(await readFile(c.json, 'utf8'));
      json.weightsManifest[0].paths = ['../escape/model.json'];
      await writeFile(c.json, JSON.stringify(json));
      await expectFileError(c.path, /is not a plain file name inside the model directory/);
      json.weightsManifest[0].paths = ['/etc/passwd'];
      await writeFile(c.json, JSON.stringify(json));
      await expectFileError(c.path, /not a plain file name/);
    });
    it('a huge declared shape, before allocating', async () => {
      const c = await savedCopy('huge');
      const json = JSON.parse(await readFile(c.json, 'utf8'));
      json.weightsManifest[0].weights[0].shape = [1e6, 1e6];
      await writeFile(c.json, JSON.stringify(json));
      await expectFileError(c.path, /exceeds the size limit/);
    });
    it('shapes that do not fit the rebuilt model', async () => {
      const c = await savedCopy('shapes');
      const json = JSON.parse(await readFile(c.json, 'utf8'));
      const ws = json.weightsManifest[0].weights;
      [ws[0], ws[1]] = [ws[1], ws[0]];
      await writeFile(c.json, JSON.stringify(json));
      await expectFileError(c.path, /weight 0 is ".*" \[\d+\] but the rebuilt model expects ".*kernel" \[12, 8\]/);
    });
    it('an unknown variant or format', async () => {
      const c = await savedCopy('variant');
      const json = JSON.parse(await readFile(c.json, 'utf8'));
      json.recipe.variants[0].name = 'no-such-variant';
      await writeFile(c.json, JSON.stringify(json));
      await expectFileError(c.path, /cannot rebuild the model: unknown variant "no-such-variant"/);
      json.format = 'keras';
      await writeFile(c.json, JSON.stringify(json));
      await expectFileError(c.path, /not an Hourglass model/);
    });
  });
});

describe('tfjs IO handlers', () => {
  it('round-trips through a tfjs IO handler (the route to IndexedDB, local storage, file:// and HTTP)', async () => {
    const m = make(5);
    let saved: tf.io.ModelArtifacts | undefined;
    await saveModel(m, tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    expect(saved!.format).toBe('hourglass.model');
    expect((saved!.modelTopology as { recipe: unknown }).recipe).toEqual(m.recipe);
    const loaded = await loadModel(tf.io.fromMemory(saved!));
    const x = tf.randomUniform([3, 3, 4], 0, 1, 'float32', 7);
    expect(values(loaded.reconstruct(x))).toEqual(values(m.reconstruct(x)));
    const damaged = { ...saved!, weightData: (saved!.weightData as ArrayBuffer).slice(0) };
    new Uint8Array(damaged.weightData as ArrayBuffer)[9] ^= 1;
    await expect(loadModel(tf.io.fromMemory(damaged))).rejects.toThrow(/tfjs IO handler: checksum mismatch/);
    const short = { ...saved!, weightData: (saved!.weightData as ArrayBuffer).slice(0, 40) };
    await expect(loadModel(tf.io.fromMemory(short))).rejects.toThrow(/weight data holds 40 bytes but the specs declare \d+/);
    [m, loaded].forEach((a) => a.dispose());
  });
  it('names the missing handler for an unsupported URL', async () => {
    const m = make();
    await expect(saveModel(m, 'indexeddb://my-model')).rejects.toThrow(/no tfjs IO handler can save "indexeddb:\/\/my-model" here/);
    m.dispose();
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe('cbf43926');
  });
});

describe('directoryStore', () => {
  it('lists nothing for a missing directory and reports missing files', async () => {
    const store = directoryStore(join(dir, 'absent'));
    expect(await store.list()).toEqual([]);
    expect(await store.size('x')).toBeUndefined();
    await expect(store.read('x')).rejects.toThrow(/absent\/x: file not found/);
  });
});

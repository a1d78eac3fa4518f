/**
 * Loading a saved model from files a user chose (a FileList / File[]):
 * the outputs of the saved model, base names matched whatever folder the
 * files came from, and clear errors for a missing weights file, a name
 * given twice and an attempt to save.
 */
import { describe, expect, it } from 'vitest';
import { tf, Autoencoder, saveModel, loadModel, memoryStore, readModelJson, fileSetStore } from '../src/index.js';
import { useTestVariantsAndDir, values } from './helpers.js';

useTestVariantsAndDir('hourglass-files-', () => undefined);

async function savedFiles(m: Autoencoder): Promise<File[]> {
  const store = memoryStore();
  await saveModel(m, store);
  return [...store.files].map(([name, bytes]) => new File([bytes.slice().buffer as ArrayBuffer], `picked/folder/${name}`));
}

describe('loading from chosen files', () => {
  it('loads a FileList-like set with the outputs of the saved model', async () => {
    const m = Autoencoder.create({ inputShape: [3, 4], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed: 4 });
    const files = await savedFiles(m);
    const x = tf.randomUniform([2, 3, 4], 0, 1, 'float32', 1);
    const list: ArrayLike<File> = { ...files, length: files.length }; // a FileList is array-like, not an array
    const loaded = await loadModel(list);
    expect(values(loaded.reconstruct(x))).toEqual(values(m.reconstruct(x)));
    expect((await readModelJson(files)).recipe.variants[0].name).toBe('test-dense');
    loaded.dispose();
    m.dispose();
    x.dispose();
  });

  it('names a missing weights file, a name given twice, and refuses to save', async () => {
    const m = Autoencoder.create({ inputShape: [3], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed: 4 });
    const files = await savedFiles(m);
    const json = files.find((f) => f.name.endsWith('model.json'))!;
    await expect(loadModel([json])).rejects.toThrow(/file:weights\.[0-9a-f]+\.bin \(not among the chosen files model\.json: choose a model's model\.json and weights files together\): weights file not found/);
    expect(() => fileSetStore([json, json])).toThrow(/file:model\.json: is given twice/);
    await expect(saveModel(m, files)).rejects.toThrow(/read-only/);
    m.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Autoencoder, ModelFileError, readModelJson, saveModel } from '../src/index.js';
import { useTestVariantsAndDir } from './helpers.js';

let dir: string;
useTestVariantsAndDir('hourglass-read-json-', (d) => (dir = d));

async function folder(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'model.json'), content);
  return path;
}

describe('readModelJson', () => {
  it('reads the recipe and metadata of a saved model without its weights', async () => {
    const m = Autoencoder.create({ inputShape: [4], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed: 1 });
    m.metadata = { columns: ['a', 'b', 'c', 'd'] };
    const path = join(dir, 'saved');
    await saveModel(m, path);
    m.dispose();
    const json = await readModelJson(path);
    expect(json.recipe.variants.map((v) => v.name)).toEqual(['test-dense']);
    expect(json.metadata).toEqual({ columns: ['a', 'b', 'c', 'd'] });
  });
  it('refuses an oversized model.json by its size, before reading it, naming the path and the option', async () => {
    const path = await folder('huge', '');
    // 1 GiB (sparse): read whole, it would not even fit in one string
    await truncate(join(path, 'model.json'), 1024 ** 3);
    const err = await readModelJson(path).catch((e) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toBe(
      `${path}/model.json: is 1073741824 bytes, more than the 16777216 allowed (option maxJsonBytes); Hourglass writes weights to a separate file, so a model.json this large is not one it wrote`,
    );
    const small = await folder('small-limit', '{}');
    await expect(readModelJson(small, { maxJsonBytes: 1 })).rejects.toThrow(/is 2 bytes, more than the 1 allowed/);
  });
  it('names the path of bad JSON and of a missing file', async () => {
    const bad = await folder('bad', '{"format": "hourglass.model", ');
    await expect(readModelJson(bad)).rejects.toThrow(`${bad}/model.json: not valid JSON`);
    await expect(readModelJson(join(dir, 'nowhere'))).rejects.toThrow(`${join(dir, 'nowhere')}/model.json: file not found`);
  });
});

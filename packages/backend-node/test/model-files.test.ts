/**
 * Hourglass models through tfjs-node's own file handlers (`file://`), next to
 * core's directory format: both round-trip to identical outputs.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Autoencoder, loadModel, registerVariant, saveModel, tf } from '@hourglass/core';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { detectNode, setupNode } from '../src/index.js';

registerVariant(undercomplete);
const native = await detectNode({ gpu: false });
const required = (process.env.HOURGLASS_REQUIRE_BACKENDS ?? '').split(',').includes('node');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe.runIf(native.available || required)('models through tfjs-node file handlers', () => {
  it('saves with file:// and loads back to identical outputs, as with core directories', async () => {
    await setupNode({ gpu: false });
    const dir = await mkdtemp(join(tmpdir(), 'hourglass-tfjs-file-'));
    dirs.push(dir);
    const m = Autoencoder.create({ inputShape: [12], variants: [{ name: 'undercomplete', config: { latent: 3, hidden: [8] } }], seed: 2 });
    const x = tf.randomUniform([4, 12], 0, 1, 'float32', 3);
    const expected = Array.from(m.reconstruct(x).dataSync());

    await saveModel(m, `file://${join(dir, 'tfjs')}`);
    expect((await readdir(join(dir, 'tfjs'))).sort()).toEqual(['model.json', 'weights.bin']);
    const viaTfjs = await loadModel(`file://${join(dir, 'tfjs', 'model.json')}`);
    expect(Array.from(viaTfjs.reconstruct(x).dataSync())).toEqual(expected);

    await saveModel(m, join(dir, 'core'));
    const viaCore = await loadModel(join(dir, 'core'));
    expect(Array.from(viaCore.reconstruct(x).dataSync())).toEqual(expected);
    [m, viaTfjs, viaCore].forEach((a) => a.dispose());
    x.dispose();
  });
});

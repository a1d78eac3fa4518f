/**
 * tfjs-layers export: stock @tensorflow/tfjs loads every architecture it
 * can represent and gives Hourglass' outputs within 1e-5; what it cannot
 * represent (GRU reset-after, L2 normalisation) is refused by name.
 */
import * as tfjs from '@tensorflow/tfjs';
import { tf } from '@hourglass/core';
import { afterAll, describe, expect, it } from 'vitest';
import { portableNetwork, tfjsLayersArtifacts } from '../src/index.js';
import { ARCHITECTURES, buildArchitecture, expectedOutput, partInput } from './architectures.js';

const REFUSED: Record<string, RegExp> = {
  'GRU (dense code)': /GRU has no reset-after form/,
  'Mult-VAE (l2Normalize, softmax)': /no L2-normalisation layer/,
};

/** The largest difference seen per architecture and part, printed at the end. */
const diffs: string[] = [];
afterAll(() => console.info(`[tfjs-layers] max |diff| from Hourglass:\n  ${diffs.join('\n  ')}`));

describe('tfjs-layers export', () => {
  for (const arch of ARCHITECTURES)
    for (const part of arch.parts)
      it(`${arch.name}: ${part}`, async () => {
        const model = buildArchitecture(arch);
        if (REFUSED[arch.name]) {
          expect(() => tfjsLayersArtifacts(portableNetwork(model, { part }))).toThrow(REFUSED[arch.name]);
          return;
        }
        const loaded = await tfjs.loadLayersModel(tfjs.io.fromMemory(tfjsLayersArtifacts(portableNetwork(model, { part }))));
        const x = partInput(model, part, 4);
        const before = tf.memory().numTensors;
        const want = expectedOutput(model, part, x);
        const got = loaded.predict(x) as tf.Tensor;
        expect(got.shape).toEqual(want.shape);
        const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(want, got))).dataSync()[0]);
        expect(diff).toBeLessThan(1e-5);
        diffs.push(`${arch.name}, ${part}: ${diff.toExponential(2)}`);
        tf.dispose([want, got]);
        expect(tf.memory().numTensors).toBe(before);
        loaded.dispose();
        x.dispose();
      });
});

describe('tfjs-layers export of a VAE encoder with its log-variance', () => {
  it('has two outputs, the posterior mean and log-variance', async () => {
    const arch = ARCHITECTURES.find((a) => a.name === 'VAE')!;
    const model = buildArchitecture(arch);
    const loaded = await tfjs.loadLayersModel(tfjs.io.fromMemory(tfjsLayersArtifacts(portableNetwork(model, { part: 'encoder', logVar: true }))));
    expect(loaded.outputs.map((o) => o.shape)).toEqual([[null, 2], [null, 2]]);
    const x = partInput(model, 'encoder', 3);
    const { mean, logVar } = model.posterior(x)!;
    const [gotMean, gotLogVar] = loaded.predict(x) as tf.Tensor[];
    const diff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
    expect(diff(mean, gotMean)).toBeLessThan(1e-5);
    expect(diff(logVar, gotLogVar)).toBeLessThan(1e-5);
    tf.dispose([x, mean, logVar, gotMean, gotLogVar]);
    loaded.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { tf, Autoencoder, ConfigError, importanceNll } from '../src/index.js';
import { expectNoLeak, useTestVariantsAndGauss } from './helpers.js';

useTestVariantsAndGauss();

const vae = () =>
  Autoencoder.create({ inputShape: [3], seed: 4, variants: [{ name: 'test-dense', config: { latent: 4, hidden: 5 } }, { name: 'test-gauss', config: { size: 1 } }] });

/** log p(x) by quadrature over the 1-D code: log of sum_z N(z; 0, 1) p(x | z) dz on a fine grid. */
function exactLogLikelihood(model: Autoencoder, x: number[][]): number[] {
  const grid = Array.from({ length: 4001 }, (_, i) => -10 + i * 0.005);
  const logits = tf.tidy(() => model.decoder!.apply(tf.tensor2d(grid, [grid.length, 1]), { training: false }).arraySync() as number[][]);
  return x.map((row) => {
    let total = 0;
    grid.forEach((z, g) => {
      let logPx = 0;
      row.forEach((v, j) => {
        const l = logits[g][j];
        logPx += v * -Math.log1p(Math.exp(-l)) + (1 - v) * -Math.log1p(Math.exp(l));
      });
      total += Math.exp(logPx - (z * z) / 2) / Math.sqrt(2 * Math.PI) * 0.005;
    });
    return Math.log(total);
  });
}

describe('importanceNll', () => {
  it('converges to the exact negative log-likelihood of a 1-D latent model, from above', () => {
    const model = vae();
    const rows = [[1, 0, 1], [0, 0, 0], [1, 1, 0]];
    const x = tf.tensor2d(rows);
    const exact = exactLogLikelihood(model, rows).map((v) => -v);
    const many = importanceNll(model, x, 20000, 1);
    // one sample per input is a one-sample ELBO: over 4000 copies of each row its mean is -ELBO >= the exact NLL
    const copies = 4000;
    const tiled = tf.tile(x, [copies, 1]);
    const one = importanceNll(model, tiled, 1, 1);
    for (let i = 0; i < rows.length; i++) {
      expect(many[i]).toBeCloseTo(exact[i], 2);
      let sum = 0;
      for (let c = 0; c < copies; c++) sum += one[c * rows.length + i];
      expect(sum / copies).toBeGreaterThan(exact[i]);
    }
    tiled.dispose();
    x.dispose();
    model.dispose();
  });

  it('is deterministic for a seed and leaks nothing', async () => {
    const model = vae();
    const x = tf.tensor2d([[1, 0, 1], [0, 1, 1]]);
    await expectNoLeak(() => importanceNll(model, x, 50, 2));
    expect(Array.from(importanceNll(model, x, 5000, 2))).toEqual(Array.from(importanceNll(model, x, 5000, 2)));
    x.dispose();
    model.dispose();
  });

  it('posterior gives the mean (= encode) and log-variance; undefined without a Gaussian latent', async () => {
    const model = vae();
    const x = tf.tensor2d([[1, 0, 1]]);
    await expectNoLeak(() => {
      const q = model.posterior(x)!;
      const code = model.encode(x);
      expect(Array.from(q.mean.dataSync())).toEqual(Array.from(code.dataSync()));
      expect(q.logVar.shape).toEqual([1, 1]);
      tf.dispose([q.mean, q.logVar, code]);
    });
    const plain = Autoencoder.create({ inputShape: [3], variants: [{ name: 'test-dense' }] });
    expect(plain.posterior(x)).toBeUndefined();
    expect(() => importanceNll(plain, x, 10, 1)).toThrow(/Gaussian posterior, such as "variational"; variants \[test-dense\]/);
    const mseVae = Autoencoder.create({ inputShape: [3], variants: [{ name: 'test-dense', config: { loss: 'mse' } }, { name: 'test-gauss' }] });
    expect(() => importanceNll(mseVae, x, 10, 1)).toThrow(ConfigError);
    expect(() => importanceNll(model, x, 0, 1)).toThrow(/samples must be a positive whole number/);
    for (const m of [model, plain, mseVae]) m.dispose();
    x.dispose();
  });
});

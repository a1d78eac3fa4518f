import { describe, expect, it } from 'vitest';
import { tf, Autoencoder, evaluateObjective } from '../src/index.js';
import { expectNoLeak, uniformData, useTestVariantsAndGauss } from './helpers.js';

useTestVariantsAndGauss();

describe('evaluateObjective', () => {
  it('averages the training loss and each term over every sample, batch sizes weighted', async () => {
    const model = Autoencoder.create({ inputShape: [4], seed: 2, variants: [{ name: 'test-dense' }, { name: 'test-gauss' }] });
    const data = { x: uniformData(5, 4, 3), n: 5, sampleShape: [4] };
    const report = await evaluateObjective(model, data, { batchSize: 2, seed: 7 });
    expect(report.n).toBe(5);
    expect(Object.keys(report.terms).sort()).toEqual(['kl', 'reconstruction']);
    // by hand: the steps of the three batches, as the function seeds them
    const parts = [[0, 2], [2, 2], [4, 1]].map(([start, n], batch) =>
      tf.tidy(() => {
        const r = model.step(tf.tensor2d(data.x.slice(start * 4, (start + n) * 4), [n, 4]), { seed: 7 * 100003 + batch });
        return { n, loss: r.loss.dataSync()[0], kl: r.terms.kl.dataSync()[0] };
      }),
    );
    const mean = (f: (p: (typeof parts)[number]) => number) => parts.reduce((a, p) => a + f(p) * p.n, 0) / 5;
    expect(report.loss).toBeCloseTo(mean((p) => p.loss), 6);
    expect(report.terms.kl).toBeCloseTo(mean((p) => p.kl), 6);
    expect(report.terms.reconstruction + report.terms.kl).toBeCloseTo(report.loss, 6);
    expect((await evaluateObjective(model, data, { batchSize: 2, seed: 7 })).loss).toBe(report.loss);
    await expectNoLeak(() => evaluateObjective(model, data, { batchSize: 2 }));
    model.dispose();
  });
});

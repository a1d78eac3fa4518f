import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Autoencoder, ConfigError, ModelFileError, calibrateAnomaly, calibrateThreshold, checkLossFitsData, lossFitsData, readAnomalyMetadata, scoreAll, train } from '../src/index.js';
import { registerTestVariants, uniformData, unregisterTestVariants } from './helpers.js';

beforeAll(registerTestVariants);
afterAll(unregisterTestVariants);

describe('which data a loss can learn', () => {
  it('bce needs values in [0, 1]; mse takes any', () => {
    expect(lossFitsData('bce', new Float32Array([0, 0.5, 1]))).toBe(true);
    expect(lossFitsData('bce', new Float32Array([0, 1.5]))).toBe(false);
    expect(lossFitsData('bce', new Float32Array([-0.01, 1]))).toBe(false);
    expect(lossFitsData('mse', new Float32Array([-3, 255]))).toBe(true);
    expect(() => checkLossFitsData('bce', [0, 2], 'training data')).toThrow(ConfigError);
    expect(() => checkLossFitsData('bce', [0, 2], 'training data')).toThrow(/training data: binary cross-entropy needs data in \[0, 1\].*loss: 'mse'/);
    expect(() => checkLossFitsData('mse', [0, 2], 'training data')).not.toThrow();
  });

  it('train refuses a bce model on training or validation data outside [0, 1], and trains an mse model on it', async () => {
    const bce = Autoencoder.create({ inputShape: [4], variants: [{ name: 'test-dense' }], seed: 1 });
    const inUnit = { x: uniformData(16, 4), n: 16, sampleShape: [4] };
    const wide = { x: uniformData(16, 4).map((v) => v * 255), n: 16, sampleShape: [4] };
    await expect(train(bce, wide, { epochs: 1 })).rejects.toThrow(/training data: binary cross-entropy needs data in \[0, 1\]/);
    await expect(train(bce, inUnit, { epochs: 1, validation: wide })).rejects.toThrow(/validation data: binary cross-entropy/);
    bce.dispose();
    const mse = Autoencoder.create({ inputShape: [4], variants: [{ name: 'test-dense', config: { loss: 'mse' } }], seed: 1 });
    expect((await train(mse, wide, { epochs: 1 })).epochsRun).toBe(1);
    mse.dispose();
  });
});

describe('anomaly metadata', () => {
  it('calibrates the threshold on the scores of the data', async () => {
    const model = Autoencoder.create({ inputShape: [4], variants: [{ name: 'test-dense' }], seed: 2 });
    const data = { x: uniformData(40, 4, 3), n: 40, sampleShape: [4] };
    const anomaly = await calibrateAnomaly(model, data, 0.1);
    expect(anomaly).toEqual({ threshold: calibrateThreshold(await scoreAll(model, data), 0.1), contamination: 0.1, calibratedOn: '40 training samples' });
    expect((await calibrateAnomaly(model, data, 0.1, 'the first week')).calibratedOn).toBe('the first week');
    model.dispose();
  });

  it('reads a saved threshold back, and names the file and field of a bad one', () => {
    expect(readAnomalyMetadata({ threshold: 0.5, contamination: 0.01, calibratedOn: '10 rows' }, 'm.json')).toEqual({ threshold: 0.5, contamination: 0.01, calibratedOn: '10 rows' });
    expect(readAnomalyMetadata({ threshold: 0.5, contamination: 0 }, 'm.json').calibratedOn).toBe('the training data');
    expect(() => readAnomalyMetadata([1], 'm.json')).toThrow(/m\.json: "metadata\.anomaly" must be an object/);
    expect(() => readAnomalyMetadata({ threshold: 'high', contamination: 0.1 }, 'm.json')).toThrow(ModelFileError);
    expect(() => readAnomalyMetadata({ threshold: NaN, contamination: 0.1 }, 'm.json')).toThrow(/"metadata\.anomaly\.threshold" must be a finite number, found null/);
    expect(() => readAnomalyMetadata({ threshold: 1, contamination: 1 }, 'm.json')).toThrow(/"metadata\.anomaly\.contamination" must be a number in \[0, 1\)/);
    expect(() => readAnomalyMetadata({ threshold: 1, contamination: 0.1, calibratedOn: 3 }, 'm.json')).toThrow(/"metadata\.anomaly\.calibratedOn" must be a string, found 3/);
  });
});

/**
 * `hourglass export` and `hourglass import`: a trained model exported as a
 * tfjs-layers folder (with its scaling beside it) and as ONNX, imported
 * back as an Hourglass model whose codes are byte-identical to the
 * original's, and clear refusals for parts a model lacks and for a
 * network that gives NaN.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hourglass, tempDir } from './in-process.js';

const dir = tempDir();
const model = join(dir, 'run', 'model');

beforeAll(async () => {
  const lines = ['a,b,c,d,e,f'];
  for (let i = 0; i < 120; i++) lines.push(Array.from({ length: 6 }, (_, j) => (10 * Math.sin(i * 0.3 + j) + j).toFixed(3)).join(','));
  await writeFile(join(dir, 'table.csv'), lines.join('\n') + '\n');
  const r = await hourglass('train', '--data', join(dir, 'table.csv'), '--latent', '2', '--hidden', '4', '--loss', 'mse', '--epochs', '2', '--backend', 'cpu', '--out', join(dir, 'run'), '--json', '--quiet');
  expect(r.code, r.stderr).toBe(0);
});

describe('hourglass export', () => {
  it('writes a tfjs-layers folder with the scaling beside it, and an ONNX file', async () => {
    const out = join(dir, 'tfjs');
    const r = await hourglass('export', '--model', model, '--format', 'tfjs-layers', '--out', out, '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ format: 'tfjs-layers', part: 'autoencoder', input: [6], outputs: { reconstruction: [6] }, scaled: true });
    expect((await readdir(out)).sort()).toEqual(['model.json', 'scaling.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(JSON.parse(await readFile(join(out, 'scaling.json'), 'utf8'))).toHaveProperty('kind');

    const onnx = join(dir, 'encoder.onnx');
    const o = await hourglass('export', '--model', model, '--format', 'onnx', '--part', 'encoder', '--out', onnx, '--backend', 'cpu');
    expect(o.code, o.stderr).toBe(0);
    expect(o.stdout).toMatch(/exported the encoder as onnx: input \[6\] -> code \[2\]/);
    expect((await readFile(onnx)).byteLength).toBeGreaterThan(100);
    expect(await readFile(`${onnx}.scaling.json`, 'utf8')).toMatch(/"kind"/);
  });

  it('refuses a part the model does not have, by what it lacks', async () => {
    const r = await hourglass('export', '--model', model, '--format', 'onnx', '--part', 'predictor', '--out', join(dir, 'p.onnx'), '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/this model has no predictor \(it has no target\)/);
    const v = await hourglass('export', '--model', model, '--format', 'onnx', '--part', 'encoder', '--log-var', '--out', join(dir, 'v.onnx'), '--backend', 'cpu');
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/no log-variance head/);
  });
});

describe('hourglass import', () => {
  it('brings the exported folder back: the same codes, byte for byte', async () => {
    const exported = join(dir, 'tfjs-again');
    expect((await hourglass('export', '--model', model, '--format', 'tfjs-layers', '--out', exported, '--backend', 'cpu')).code).toBe(0);
    const imported = join(dir, 'imported');
    const r = await hourglass('import', '--from', 'tfjs-layers', '--model', join(exported, 'model.json'), '--out', imported, '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: [2], loss: 'mse', scaled: true, encoder: ['dense', 'dense'], decoder: ['dense', 'dense'] });
    // the scaling written beside the export comes back with it: encode reads the data in its own units
    const codes = async (m: string, out: string) => {
      const e = await hourglass('encode', '--model', m, '--data', join(dir, 'table.csv'), '--out', out, '--backend', 'cpu');
      expect(e.code, e.stderr).toBe(0);
      return readFile(out, 'utf8');
    };
    const [a, b] = [await codes(imported, join(dir, 'a.csv')), await codes(model, join(dir, 'b.csv'))];
    expect(a.split('\n').length).toBe(122);
    expect(a).toBe(b);
  });

  it('brings a .keras export back, its scaling with it: the same codes', async () => {
    const file = join(dir, 'model.keras');
    const e = await hourglass('export', '--model', model, '--format', 'keras', '--out', file, '--backend', 'cpu');
    expect(e.code, e.stderr).toBe(0);
    expect((await readFile(file)).subarray(0, 2).toString()).toBe('PK'); // a zip
    const imported = join(dir, 'from-keras');
    const r = await hourglass('import', '--from', 'keras', '--model', file, '--out', imported, '--backend', 'cpu', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: [2], loss: 'mse', scaled: true });
    const codes = async (m: string, out: string) => {
      expect((await hourglass('encode', '--model', m, '--data', join(dir, 'table.csv'), '--out', out, '--backend', 'cpu')).code).toBe(0);
      return readFile(out, 'utf8');
    };
    expect(await codes(imported, join(dir, 'k.csv'))).toBe(await codes(model, join(dir, 'o.csv')));
    const folder = await hourglass('import', '--from', 'keras', '--model', dir, '--out', join(dir, 'x'), '--backend', 'cpu');
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder; give the \.keras file/);
  });

  it('refuses a network that gives NaN, and names a missing file', async () => {
    const exported = join(dir, 'tfjs-nan');
    expect((await hourglass('export', '--model', model, '--format', 'tfjs-layers', '--out', exported, '--backend', 'cpu')).code).toBe(0);
    const weights = await readFile(join(exported, 'weights.bin'));
    new Float32Array(weights.buffer, weights.byteOffset, weights.byteLength / 4).fill(Number.NaN);
    await writeFile(join(exported, 'weights.bin'), weights);
    const r = await hourglass('import', '--from', 'tfjs-layers', '--model', exported, '--out', join(dir, 'nan'), '--backend', 'cpu');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/NaN or infinite outputs/);
    const m = await hourglass('import', '--from', 'tfjs-layers', '--model', join(dir, 'none'), '--out', join(dir, 'x'), '--backend', 'cpu');
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/none: cannot be read/);
  });
});

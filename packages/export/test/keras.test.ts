/**
 * Keras 3 export: every architecture's parts written as `.keras` files load
 * in Keras (`keras.saving.load_model`) and give Hourglass' outputs within
 * 1e-5, all models in one Python process. Needs the Keras venv of
 * tools/setup-keras.mjs; skipped (with the reason printed) without it,
 * unless HOURGLASS_REQUIRE_KERAS=1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '@hourglass/core';
import { readNpy, writeNpy } from '@hourglass/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kerasFile, portableNetwork, type ExportPart } from '../src/index.js';
import { ARCHITECTURES, buildArchitecture, expectedOutput, partInput } from './architectures.js';
import { findKerasPython, KerasWorker } from './keras/python.js';

const { python } = findKerasPython();

interface Case {
  label: string;
  file: string;
  expected: Array<{ shape: number[]; values: Float32Array }>;
  outputs: string[];
}

/** What Hourglass gives for `part` (the VAE encoder: mean and log-variance). */
function hourglassOutputs(model: ReturnType<typeof buildArchitecture>, part: ExportPart, x: tf.Tensor, logVar: boolean): tf.Tensor[] {
  if (!logVar) return [expectedOutput(model, part, x)];
  const q = model.posterior(x)!;
  return [q.mean, q.logVar];
}

describe.skipIf(!python)('Keras export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-keras-'));
  const cases: Case[] = [];
  let worker: KerasWorker;
  let results: Map<string, { ok: boolean; error?: string }>;

  beforeAll(async () => {
    worker = new KerasWorker(python!);
    const jobs = [];
    for (const arch of ARCHITECTURES)
      for (const part of arch.parts) {
        const model = buildArchitecture(arch);
        const logVar = arch.name === 'VAE' && part === 'encoder';
        const x = partInput(model, part, 4);
        const want = hourglassOutputs(model, part, x, logVar);
        const stem = join(dir, `${cases.length}`);
        const file = `${stem}.keras`;
        writeFileSync(file, await kerasFile(portableNetwork(model, { part, logVar })));
        writeNpy(`${stem}.x.npy`, x.dataSync() as Float32Array, x.shape);
        const outputs = want.map((_, i) => `${stem}.y${i}.npy`);
        cases.push({ label: `${arch.name}: ${part}`, file, outputs, expected: want.map((t) => ({ shape: t.shape, values: t.dataSync() as Float32Array })) });
        jobs.push({ file, input: `${stem}.x.npy`, outputs });
        tf.dispose([x, ...want]);
        model.dispose();
      }
    const answer = await worker.request<{ jobs: Array<{ file: string; ok: boolean; error?: string }> }>({ op: 'predict', jobs });
    results = new Map(answer.jobs.map((j) => [j.file, j]));
  }, 240_000);

  afterAll(() => {
    worker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every architecture and part, and Keras gives the same outputs within 1e-5', () => {
    const diffs: Record<string, number> = {};
    for (const c of cases) {
      const result = results.get(c.file)!;
      expect(result.error, c.label).toBeUndefined();
      c.outputs.forEach((path, i) => {
        const got = readNpy(path);
        const want = c.expected[i];
        expect([got.n, ...got.sampleShape], c.label).toEqual(want.shape.length === 1 ? [want.shape[0], 1] : want.shape);
        let max = 0;
        for (let k = 0; k < want.values.length; k++) max = Math.max(max, Math.abs(got.x[k] - want.values[k]));
        diffs[`${c.label}${i ? ` (output ${i})` : ''}`] = max;
        expect(max, c.label).toBeLessThan(1e-5);
      });
    }
    console.log(`max |Keras - Hourglass| per part:\n${Object.entries(diffs).map(([k, v]) => `  ${k}: ${v.toExponential(2)}`).join('\n')}`);
    expect(Object.keys(diffs).length).toBeGreaterThanOrEqual(cases.length);
  });
});

/**
 * `hourglass detect` on a streamed file: each batch scored and flagged
 * against the threshold saved at training, and written as it comes. With
 * `--contamination` the threshold is a quantile of every score, so the
 * scores are held (4 bytes a row, refused when that exceeds a quarter of
 * `--max-memory`) and the rows written once all are scored. A CSV label
 * column is left out of the features but not read, so a stream reports no
 * precision or recall. The rows written are those of the in-memory command
 * on data without labels, byte for byte.
 */
import { scoreAll } from '@hourglass/core';
import { detectionThreshold, requireThresholdSource } from './detect-threshold.js';
import { UsageError } from './exit-codes.js';
import { assertFiniteOutput } from './finite.js';
import { summaryStream } from './output.js';
import type { Shard } from './shard.js';
import { peakRssMB } from './stream-plan.js';
import { openModelAndStream } from './stream-scoring.js';
import { openStreamWriter, type StreamWriter } from './stream-output.js';
import type { DetectOptions } from './commands/detect.js';

const BATCH = 512;

/**
 * Runs `hourglass detect` on a streamed file; returns the exit code.
 *
 * @example
 * await detectStream({ model: 'run/model', data: 'big.csv', out: 'flags.csv', backend: 'auto', json: true, stream: true });
 */
export async function detectStream(opts: DetectOptions, shard?: Shard): Promise<number> {
  if (opts.png) throw new UsageError(`--png: ${opts.model} was not trained on a time series (train --window); detect draws the series of such a model only`);
  const s = await openModelAndStream({ ...opts, shard }, 'detect');
  const { model, metadata } = s;
  let writer: StreamWriter | undefined;
  let rows = 0;
  let flagged = 0;
  let threshold = NaN;
  let source = '';
  const held: Float32Array[] = [];
  try {
    requireThresholdSource(opts.model, opts.contamination, metadata.anomaly);
    if (opts.out) writer = await openStreamWriter(opts.out, { csv: ['score', 'anomaly'] });
    const write = async (scores: Float32Array) => {
      const flags = Array.from(scores, (v) => (v > threshold ? '1' : '0'));
      flagged += flags.filter((f) => f === '1').length;
      await writer?.rows(scores, scores.length, (i) => [String(scores[i]), flags[i]]);
    };
    if (opts.contamination === undefined) ({ threshold, source } = detectionThreshold(undefined, metadata.anomaly, []));
    let heldBytes = 0;
    for await (const { data, offset } of s.batches(BATCH)) {
      const scores = await scoreAll(model, data);
      assertFiniteOutput(scores, data.n, 'scores', () => 'score', s.modelFile, offset);
      rows += data.n;
      if (opts.contamination === undefined) {
        await write(scores);
        continue;
      }
      held.push(scores);
      heldBytes += scores.byteLength;
      if (opts.maxMemory !== undefined && heldBytes > (opts.maxMemory * 2 ** 20) / 4)
        throw new UsageError(
          `detect --contamination calibrates on every score of the data, held in memory (4 bytes a row), and ${rows.toLocaleString('en-US')} rows pass a quarter of --max-memory ${opts.maxMemory}; calibrate at training (train --contamination) and leave --contamination out here, or give more --max-memory`,
        );
    }
    if (opts.contamination !== undefined) {
      const all = new Float32Array(rows);
      let at = 0;
      for (const part of held.splice(0)) {
        all.set(part, at);
        at += part.length;
      }
      ({ threshold, source } = detectionThreshold(opts.contamination, metadata.anomaly, all));
      for (let from = 0; from < rows; from += BATCH) await write(all.subarray(from, from + BATCH));
    }
    await writer?.finish();
  } catch (e) {
    await writer?.abort();
    throw e;
  } finally {
    model.dispose();
  }
  const summary = { rows, flagged, threshold, thresholdSource: source, out: opts.out ?? null, stream: true, peakRssMB: peakRssMB() };
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else results.write(`${flagged} of ${rows} flagged (threshold ${threshold.toPrecision(4)}, ${source}); streamed ${s.file.source.name}\n`);
  return 0;
}

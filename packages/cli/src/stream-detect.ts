/**
 * `hourglass detect` on a streamed file: each batch scored and flagged
 * against the threshold saved at training, and written as it comes. With
 * `--contamination` the threshold is a quantile of every score, so the
 * scores are held (4 bytes a row, refused when that exceeds a quarter of
 * `--max-memory`) and the rows written once all are scored. With a CSV
 * file's labels (`--label`) each row's label is written beside its flag, and
 * precision, recall, F1 and ROC AUC need every score and label, so they are
 * held the same way (a label as a reference to its text, 8 bytes a row).
 * The rows written are those of the in-memory command, byte for byte.
 */
import { evaluateDetection, scoreAll, type DetectionReport } from '@hourglass/core';
import { anomalyLabels, evaluationLine, type AnomalyLabels } from './anomaly-labels.js';
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
  const s = await openModelAndStream({ ...opts, shard }, 'detect');
  const { model, metadata } = s;
  let writer: StreamWriter | undefined;
  let rows = 0;
  let flagged = 0;
  let threshold = NaN;
  let truth: AnomalyLabels | undefined;
  let report: DetectionReport | undefined;
  let source = '';
  const held: Float32Array[] = [];
  const heldLabels: string[] = [];
  const texts = new Map<string, string>(); // one string per distinct label
  try {
    requireThresholdSource(opts.model, opts.contamination, metadata.anomaly);
    if (opts.out) writer = await openStreamWriter(opts.out, { csv: s.labelled ? ['score', 'anomaly', 'label'] : ['score', 'anomaly'] });
    const write = async (scores: Float32Array, labels?: string[]) => {
      const flags = Array.from(scores, (v) => (v > threshold ? '1' : '0'));
      flagged += flags.filter((f) => f === '1').length;
      await writer?.rows(scores, scores.length, labels ? (i) => [String(scores[i]), flags[i], labels[i]] : (i) => [String(scores[i]), flags[i]]);
    };
    // a threshold calibrated here, or an evaluation against labels, needs every score: they are held, then written
    const hold = opts.contamination !== undefined || s.labelled;
    if (opts.contamination === undefined) ({ threshold, source } = detectionThreshold(undefined, metadata.anomaly, []));
    let heldBytes = 0;
    for await (const { data, offset, labels } of s.batches(BATCH)) {
      const scores = await scoreAll(model, data);
      assertFiniteOutput(scores, data.n, 'scores', () => 'score', s.modelFile, offset);
      rows += data.n;
      if (!hold) {
        await write(scores);
        continue;
      }
      held.push(scores);
      if (labels) for (const l of labels) heldLabels.push(texts.get(l) ?? (texts.set(l, l), l));
      heldBytes += scores.byteLength * (labels ? 3 : 1);
      if (opts.maxMemory !== undefined && heldBytes > (opts.maxMemory * 2 ** 20) / 4)
        throw new UsageError(
          `detect ${opts.contamination !== undefined ? '--contamination calibrates' : '--label evaluates'} on every score of the data, held in memory (4 bytes a row, 12 with a label), and ${rows.toLocaleString('en-US')} rows pass a quarter of --max-memory ${opts.maxMemory}; ${opts.contamination !== undefined ? 'calibrate at training (train --contamination) and leave --contamination out here' : 'leave --label out (the label column is then read as a feature; --columns picks the features)'}, or give more --max-memory`,
        );
    }
    let all = new Float32Array(0);
    if (hold) {
      all = new Float32Array(rows);
      let at = 0;
      for (const part of held.splice(0)) {
        all.set(part, at);
        at += part.length;
      }
      if (opts.contamination !== undefined) ({ threshold, source } = detectionThreshold(opts.contamination, metadata.anomaly, all));
      for (let from = 0; from < rows; from += BATCH) await write(all.subarray(from, from + BATCH), s.labelled ? heldLabels.slice(from, from + BATCH) : undefined);
    }
    await writer?.finish();
    if (s.labelled) {
      truth = anomalyLabels(heldLabels, opts.positiveLabel, { file: opts.data, column: opts.label });
      report = evaluateDetection(all, truth.anomaly, threshold);
    }
  } catch (e) {
    await writer?.abort();
    throw e;
  } finally {
    model.dispose();
  }
  const summary = {
    rows,
    flagged,
    threshold,
    thresholdSource: source,
    out: opts.out ?? null,
    ...(report ? { evaluation: report, anomalyLabels: truth!.positive } : {}),
    stream: true,
    peakRssMB: peakRssMB(),
  };
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else {
    results.write(`${flagged} of ${rows} flagged (threshold ${threshold.toPrecision(4)}, ${source}); streamed ${s.file.source.name}\n`);
    if (report) results.write(evaluationLine(report, truth!.positive));
  }
  return 0;
}

/**
 * `hourglass detect`: anomaly scores of data from a saved model, flagged
 * against the threshold calibrated at training time (`train
 * --contamination`) or calibrated here on this data (`--contamination`).
 * Writes one CSV row per sample (score, flag, and the label as the data
 * writes it) and, when the data has labels, reports precision, recall, F1
 * and ROC AUC; which labels mark anomalies is recognised from the usual
 * conventions or named with `--positive-label` (`anomaly-labels.ts`).
 * A model trained on a series scores every time step instead (series-detect.ts).
 * With `--shard i/n` only the shard's block of rows is scored and written;
 * a threshold calibrated on this data needs all of it, so a shard takes the
 * saved one (detect-threshold.ts), and its summary speaks of its rows only.
 * A file too large to hold (or `--stream`) is scored as it is read (stream-detect.ts).
 */
import { evaluateDetection, scoreAll, type DetectionReport } from '@hourglass/core';
import type { BackendChoice } from '@hourglass/backends';
import { anomalyLabels, evaluationLine, labelTexts, sliceLabels, type AnomalyLabels } from '../anomaly-labels.js';
import { csvText } from '../csv-out.js';
import { detectionThreshold, refuseShardCalibration, requireThresholdSource } from '../detect-threshold.js';
import type { DataFlags } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { assertFiniteOutput } from '../finite.js';
import { openModelAndData, rowsOfModelData } from '../saved-run.js';
import { resolveShard, shardHeader, shardRange, shardSummary, shardWords, type ShardFlags } from '../shard.js';
import { seriesDetect } from '../series-detect.js';
import { savedMetadata } from '../series-model.js';
import { summaryStream, writeOutput } from '../output.js';
import { streams, type StreamFlags } from '../stream-plan.js';
import { detectStream } from '../stream-detect.js';

/** Options of `hourglass detect` (already parsed from flags). */
export interface DetectOptions extends DataFlags, ShardFlags, StreamFlags {
  model: string;
  data: string;
  out?: string;
  /** A series model: a PNG of each series with the flagged ranges shaded. */
  png?: string;
  contamination?: number;
  /** The label that marks anomalies (default: recognised from the labels). */
  positiveLabel?: string;
  plugin?: string[];
  backend: BackendChoice;
  json: boolean;
}

/**
 * Runs `hourglass detect`; returns the exit code.
 *
 * @example
 * await detectCommand({ model: 'run/model', data: 'new.csv', label: 'class', positiveLabel: '-1', backend: 'auto', json: true });
 */
export async function detectCommand(opts: DetectOptions): Promise<number> {
  const shard = resolveShard(opts);
  refuseShardCalibration(opts.contamination, shard);
  if ((await savedMetadata(opts.model)).series) return seriesDetect(opts, shard);
  if (opts.png) throw new UsageError(`--png: ${opts.model} was not trained on a time series (train --window); detect draws the series of such a model only`);
  if (streams(opts.data, opts)) return detectStream(opts, shard);
  const opened = await openModelAndData(opts);
  const all = opened.raw.n;
  const range = shardRange(shard, all);
  const { model, raw: ds, data, metadata, modelFile } = rowsOfModelData(opened, range, opts.data);
  let scores: Float32Array;
  let truth: AnomalyLabels | undefined;
  const labels = labelTexts(ds);
  try {
    requireThresholdSource(opts.model, opts.contamination, metadata.anomaly);
    // which labels mark anomalies is read from every row, as one process would
    const allLabels = labelTexts(opened.raw);
    truth = allLabels && sliceLabels(anomalyLabels(allLabels, opts.positiveLabel, { file: opts.data, column: opts.label }), range);
    scores = await scoreAll(model, data);
  } finally {
    model.dispose();
  }
  assertFiniteOutput(scores, ds.n, 'scores', () => 'score', modelFile);
  const { threshold, source } = detectionThreshold(opts.contamination, metadata.anomaly, scores);
  const flags = Array.from(scores, (s) => s > threshold);
  const report: DetectionReport | undefined = truth ? evaluateDetection(scores, truth.anomaly, threshold) : undefined;
  if (opts.out) {
    const row = (i: number) => [String(scores[i]), flags[i] ? '1' : '0'];
    await writeOutput(opts.out, csvText(shardHeader(shard, labels ? ['score', 'anomaly', 'label'] : ['score', 'anomaly']), ds.n, labels ? (i) => [...row(i), labels[i]] : row));
  }
  const summary = {
    rows: ds.n,
    flagged: flags.filter(Boolean).length,
    threshold,
    thresholdSource: source,
    out: opts.out ?? null,
    ...shardSummary(shard, range, all),
    ...(report ? { evaluation: report, anomalyLabels: truth!.positive } : {}),
  };
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else {
    results.write(`${shardWords(shard, range, all, 'rows')}${summary.flagged} of ${ds.n} flagged (threshold ${threshold.toPrecision(4)}, ${source})\n`);
    if (report) results.write(evaluationLine(report, truth!.positive));
  }
  return 0;
}

/**
 * `hourglass detect`: anomaly scores of data from a saved model, flagged
 * against the threshold calibrated at training time (`train
 * --contamination`) or calibrated here on this data (`--contamination`).
 * Writes one CSV row per sample (score, flag, and the label when known) and,
 * when the data has labels (non-zero = anomaly), reports precision, recall,
 * F1 and ROC AUC.
 */
import { ConfigError, calibrateThreshold, evaluateDetection, scoreAll, type DetectionReport } from '@hourglass/core';
import type { BackendChoice } from '@hourglass/backends';
import type { DataFlags } from '../data.js';
import { openModelAndData } from '../saved-run.js';
import { summaryStream, writeOutput } from '../output.js';

export interface DetectOptions extends DataFlags {
  model: string;
  data: string;
  out?: string;
  contamination?: number;
  plugin?: string[];
  backend: BackendChoice;
  json: boolean;
}

/** The anomaly settings `train --contamination` stores in a model's metadata. */
export interface AnomalyMetadata {
  threshold: number;
  contamination: number;
  calibratedOn: string;
}

export async function detectCommand(opts: DetectOptions): Promise<number> {
  const { model, raw: ds, data } = await openModelAndData(opts);
  const scores = await scoreAll(model, data);
  const saved = model.metadata.anomaly as AnomalyMetadata | undefined;
  model.dispose();
  let threshold: number;
  let source: string;
  if (opts.contamination !== undefined) {
    threshold = calibrateThreshold(scores, opts.contamination);
    source = `calibrated on this data (contamination ${opts.contamination})`;
  } else if (saved) {
    threshold = saved.threshold;
    source = `from training (contamination ${saved.contamination} of ${saved.calibratedOn})`;
  } else
    throw new ConfigError(`${opts.model}: the model has no anomaly threshold; train it with --contamination, or pass --contamination here`);
  const flags = Array.from(scores, (s) => s > threshold);
  const report: DetectionReport | undefined = ds.labels ? evaluateDetection(scores, ds.labels, threshold) : undefined;
  if (opts.out) {
    const lines = [ds.labels ? 'score,anomaly,label' : 'score,anomaly'];
    scores.forEach((s, i) => lines.push(`${s},${flags[i] ? 1 : 0}${ds.labels ? `,${ds.labels[i]}` : ''}`));
    await writeOutput(opts.out, lines.join('\n') + '\n');
  }
  const summary = { rows: ds.n, flagged: flags.filter(Boolean).length, threshold, thresholdSource: source, out: opts.out ?? null, ...(report ? { evaluation: report } : {}) };
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else {
    results.write(`${summary.flagged} of ${ds.n} flagged (threshold ${threshold.toPrecision(4)}, ${source})\n`);
    if (report)
      results.write(`precision ${report.precision.toFixed(3)}, recall ${report.recall.toFixed(3)}, F1 ${report.f1.toFixed(3)}, ROC AUC ${report.rocAuc.toFixed(3)} against the labels\n`);
  }
  return 0;
}

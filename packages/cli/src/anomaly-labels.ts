/**
 * Which labels mark anomalies, for `detect`'s evaluation. Labels are read
 * as the data writes them ("normal", "attack", "-1") rather than as the
 * class indices a reader numbers them with, and matched against the usual
 * conventions: 1 / true / yes / anomaly / outlier / fraud / attack ... mark
 * anomalies; 0 / false / no / normal / inlier / benign mark normal data.
 * -1 is refused without `--positive-label`: scikit-learn writes outliers as
 * -1 and inliers as 1, while many datasets write anomalies as 1 (and normal
 * data as -1 or 0), so the labels alone cannot say which is meant. So are
 * labels of no known convention (class names, digits).
 */
import type { DetectionReport } from '@hourglass/core';
import { DataError, type ArrayDataset, type DataErrorLocation } from '@hourglass/data';
import { someOf } from './listing.js';

const ANOMALY = new Set(['1', 'true', 'yes', 'anomaly', 'anomalous', 'anomalies', 'outlier', 'outliers', 'abnormal', 'fraud', 'fraudulent', 'attack', 'malicious']);
const NORMAL = new Set(['0', 'false', 'no', 'normal', 'inlier', 'inliers', 'benign', 'legitimate']);

/** How labels compare: numbers by value ("+1", "1.0" and "1" are one label), text as written, trimmed. */
function labelKey(label: string): string {
  const t = label.trim();
  return t !== '' && Number.isFinite(Number(t)) ? String(Number(t)) : t;
}

/**
 * Each sample's label as the data writes it (the class name, or the index
 * when the data has no names); undefined when the data has no labels.
 *
 * @example
 * labelTexts({ ...ds, labels: Int32Array.of(1, 0), labelNames: ['anomaly', 'normal'] }); // ['normal', 'anomaly']
 */
export function labelTexts(ds: ArrayDataset): string[] | undefined {
  if (!ds.labels) return undefined;
  const names = ds.labelNames;
  return Array.from(ds.labels, (k) => (names ? names[k] : String(k)));
}

/** Which samples are anomalies, and by which labels. */
export interface AnomalyLabels {
  /** 1 for an anomaly, 0 for normal data, per sample. */
  anomaly: Uint8Array;
  /** The labels (as written) counted as anomalies. */
  positive: string[];
}

/**
 * Decides which samples the labels mark as anomalies: every sample whose
 * label is `positiveLabel` when given, else by the conventions above.
 * `where` locates the labels in errors.
 *
 * @example
 * anomalyLabels(['normal', 'attack', 'normal'], undefined, { file: 'net.csv' }); // anomaly [0, 1, 0]
 * anomalyLabels(['1', '-1', '1'], '-1', { file: 'iforest.csv' }); // anomaly [0, 1, 0]
 */
export function anomalyLabels(labels: string[], positiveLabel: string | undefined, where: DataErrorLocation): AnomalyLabels {
  const keys = labels.map(labelKey);
  const counts = new Map<string, { text: string; rows: number }>();
  keys.forEach((k, i) => {
    const c = counts.get(k);
    if (c) c.rows++;
    else counts.set(k, { text: labels[i].trim(), rows: 1 });
  });
  const found = someOf([...counts.values()].map((c) => `${JSON.stringify(c.text)} (${c.rows} ${c.rows === 1 ? 'row' : 'rows'})`));
  const refuse = (why: string): never => {
    throw new DataError(`${why}; the labels found are ${found}. Pass --positive-label <label> to name the label of anomalies (every other label counts as normal data)`, where);
  };
  let isAnomaly: (key: string) => boolean;
  if (positiveLabel !== undefined) {
    const wanted = labelKey(positiveLabel);
    if (!counts.has(wanted)) refuse(`--positive-label ${JSON.stringify(positiveLabel)} is none of the labels`);
    isAnomaly = (k) => k === wanted;
  } else {
    if (counts.has('-1')) refuse('labels -1 and 1 are ambiguous: scikit-learn marks anomalies -1 and normal data 1, many datasets mark anomalies 1');
    const unknown = [...counts.keys()].filter((k) => !ANOMALY.has(k.toLowerCase()) && !NORMAL.has(k.toLowerCase()));
    if (unknown.length)
      refuse(`cannot tell which labels mark anomalies: ${someOf(unknown.map((k) => JSON.stringify(counts.get(k)!.text)))} ${unknown.length === 1 ? 'is' : 'are'} neither an anomaly label (1, true, yes, anomaly, outlier, fraud, attack ...) nor a normal one (0, false, no, normal, inlier, benign ...)`);
    isAnomaly = (k) => ANOMALY.has(k.toLowerCase());
  }
  return {
    anomaly: Uint8Array.from(keys, (k) => (isAnomaly(k) ? 1 : 0)),
    positive: [...counts.entries()].filter(([k]) => isAnomaly(k)).map(([, c]) => c.text),
  };
}

/**
 * The anomaly flags of rows [from, to) only (the labels counted as anomalies stay those of all rows).
 *
 * @example
 * sliceLabels(anomalyLabels(labels, undefined, { file }), [100, 200]).anomaly.length; // 100
 */
export function sliceLabels(truth: AnomalyLabels, [from, to]: [number, number]): AnomalyLabels {
  return { anomaly: truth.anomaly.subarray(from, to), positive: truth.positive };
}

/**
 * The line of detect's report that scores the flags against the labels.
 *
 * @example
 * results.write(evaluationLine(report, ['1'])); // precision 0.900, recall 0.800, ...
 */
export function evaluationLine(report: DetectionReport, positive: string[]): string {
  return `precision ${report.precision.toFixed(3)}, recall ${report.recall.toFixed(3)}, F1 ${report.f1.toFixed(3)}, ROC AUC ${report.rocAuc.toFixed(3)} against the labels (anomalies: ${positive.map((p) => JSON.stringify(p)).join(', ') || 'none'})\n`;
}

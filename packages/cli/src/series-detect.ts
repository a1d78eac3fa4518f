/**
 * `hourglass detect` with a model trained on a series: one score per time
 * step (series-scores.ts), flagged against the threshold calibrated on the
 * training steps (`train --window --contamination`) or on this data
 * (`--contamination`), the flagged steps joined into ranges, one CSV row
 * per step, and with `--png` each series drawn with its flagged ranges
 * shaded above its scores and the threshold. A label column (`--label`)
 * is evaluated per step, as `detect` evaluates rows.
 */
import { evaluateDetection, type DetectionReport } from '@hourglass/core';
import { flaggedRanges } from '@hourglass/data';
import { anomalyLabels, labelTexts, type AnomalyLabels } from './anomaly-labels.js';
import { csvText } from './csv-out.js';
import { detectionThreshold, requireThresholdSource } from './detect-threshold.js';
import { LINE_COLOURS, lineChartPng, type ChartPanel } from './line-chart.js';
import { summaryStream, writeOutput } from './output.js';
import { openSeriesModel } from './series-model.js';
import { seriesStepScores } from './series-scores.js';
import type { DetectOptions } from './commands/detect.js';

const SHOWN = 4;

const finiteOnly = (xs: Float32Array[]) => xs.flatMap((s) => Array.from(s).filter(Number.isFinite));

/**
 * Runs `detect` on every step of the series `opts.data`; returns the exit code.
 *
 * @example
 * await seriesDetect({ model: 'run/model', data: 'load.csv', out: 'steps.csv', png: 'anomalies.png', backend: 'auto', json: true });
 */
export async function seriesDetect(opts: DetectOptions): Promise<number> {
  const { model, metadata, series, files, raw, scaled, columns } = await openSeriesModel(opts, 'detect');
  let scores: Float32Array[];
  try {
    requireThresholdSource(opts.model, opts.contamination, metadata.anomaly);
    scores = await seriesStepScores(model, scaled, series);
  } finally {
    model.dispose();
  }
  const { threshold, source } = detectionThreshold(opts.contamination, metadata.anomaly, finiteOnly(scores));
  const flags = scores.map((s) => Array.from(s, (v) => v > threshold));
  const ranges = flags.map((f) => flaggedRanges(f));
  const labels = raw.map((p) => labelTexts(p));
  let truth: AnomalyLabels | undefined;
  let report: DetectionReport | undefined;
  if (labels.every((l) => l)) {
    truth = anomalyLabels(labels.flatMap((l) => l!), opts.positiveLabel, { file: opts.data, column: opts.label });
    const all = scores.flatMap((s) => Array.from(s));
    const scored = all.map((v, i) => i).filter((i) => Number.isFinite(all[i]));
    report = evaluateDetection(scored.map((i) => all[i]), scored.map((i) => truth!.anomaly[i]), threshold);
  }
  const many = raw.length > 1;
  if (opts.out) {
    const rows = raw.flatMap((p, k) =>
      Array.from({ length: p.n }, (_, t) => [
        ...(many ? [files[k]] : []),
        String(t),
        Number.isFinite(scores[k][t]) ? String(scores[k][t]) : '',
        flags[k][t] ? '1' : '0',
        ...(labels[k] ? [labels[k]![t]] : []),
      ]),
    );
    await writeOutput(opts.out, csvText([...(many ? ['series'] : []), 'step', 'score', 'anomaly', ...(truth ? ['label'] : [])], rows.length, (i) => rows[i]));
  }
  if (opts.png) {
    const panels: ChartPanel[] = [];
    for (let k = 0; k < Math.min(raw.length, SHOWN); k++) {
      const p = raw[k];
      const x = Array.from({ length: p.n }, (_, t) => t);
      const name = (c: string) => (many ? `${files[k]}: ${c}` : c);
      for (let c = 0; c < Math.min(columns.length, SHOWN); c++)
        panels.push({ title: name(columns[c]), lines: [{ label: 'series', color: LINE_COLOURS.history, x, y: x.map((t) => p.x[t * columns.length + c]) }], shade: ranges[k] });
      panels.push({
        title: name('score per step'),
        lines: [
          { label: 'score', color: LINE_COLOURS.other, x, y: scores[k] },
          { label: 'threshold', color: LINE_COLOURS.flagged, x: [0, p.n - 1], y: [threshold, threshold] },
        ],
        shade: ranges[k],
      });
    }
    await writeOutput(opts.png, lineChartPng(panels, { panelHeight: 200 }));
  }
  const steps = raw.reduce((a, p) => a + p.n, 0);
  const flagged = flags.reduce((a, f) => a + f.filter(Boolean).length, 0);
  const summary = {
    steps,
    flagged,
    ranges: many ? ranges : ranges[0],
    threshold,
    thresholdSource: source,
    out: opts.out ?? null,
    png: opts.png ?? null,
    ...(report ? { evaluation: report, anomalyLabels: truth!.positive } : {}),
  };
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else {
    const shown = ranges.flat().slice(0, 10).map(([a, b]) => `${a}-${b - 1}`).join(', ');
    results.write(`${flagged} of ${steps} steps flagged in ${ranges.flat().length} ranges${shown ? ` (${shown}${ranges.flat().length > 10 ? ', ...' : ''})` : ''} (threshold ${threshold.toPrecision(4)}, ${source})\n`);
    if (report)
      results.write(`per step: precision ${report.precision.toFixed(3)}, recall ${report.recall.toFixed(3)}, F1 ${report.f1.toFixed(3)}, ROC AUC ${report.rocAuc.toFixed(3)} against the labels\n`);
  }
  return 0;
}

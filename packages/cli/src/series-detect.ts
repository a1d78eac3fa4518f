/**
 * `hourglass detect` with a model trained on a series: one score per time
 * step (series-scores.ts), flagged against the threshold calibrated on the
 * training steps (`train --window --contamination`) or on this data
 * (`--contamination`), the flagged steps joined into ranges, one CSV row
 * per step, and with `--png` each series drawn with its flagged ranges
 * shaded above its scores and the threshold. A label column (`--label`)
 * is evaluated per step, as `detect` evaluates rows. A shard (`--shard
 * i/n`) scores and writes its block of those rows (series-pieces.ts); it
 * cannot draw whole series, so `--png` needs all of them.
 */
import { evaluateDetection, type DetectionReport } from '@hourglass/core';
import { flaggedRanges, type ArrayDataset } from '@hourglass/data';
import { anomalyLabels, labelTexts, type AnomalyLabels } from './anomaly-labels.js';
import { csvText } from './csv-out.js';
import { detectionThreshold, requireThresholdSource } from './detect-threshold.js';
import { LINE_COLOURS, lineChartPng, type ChartPanel } from './line-chart.js';
import { summaryStream, writeOutput } from './output.js';
import { UsageError } from './exit-codes.js';
import { openSeriesModel } from './series-model.js';
import { pieceStepScores, seriesPieces } from './series-pieces.js';
import { shardHeader, shardRange, shardSummary, shardWords, type Shard } from './shard.js';
import type { DetectOptions } from './commands/detect.js';

const SHOWN = 4;

const finiteOnly = (xs: Float32Array[]) => xs.flatMap((s) => Array.from(s).filter(Number.isFinite));

/**
 * Runs `detect` on every step of the series `opts.data` (or on the steps `shard` owns); returns the exit code.
 *
 * @example
 * await seriesDetect({ model: 'run/model', data: 'load.csv', out: 'steps.csv', png: 'anomalies.png', backend: 'auto', json: true });
 */
export async function seriesDetect(opts: DetectOptions, shard?: Shard): Promise<number> {
  if (shard && shard.count > 1 && opts.png)
    throw new UsageError(`--png draws each whole series, and --shard ${shard.index}/${shard.count} scores part of the steps; draw it in a run without --shard`);
  const { model, metadata, series, files, raw, scaled, columns } = await openSeriesModel(opts, 'detect');
  const lengths = raw.map((p) => p.n);
  const all = lengths.reduce((a, n) => a + n, 0);
  const range = shardRange(shard, all);
  const pieces = seriesPieces(lengths, range);
  let scores: Float32Array[];
  try {
    requireThresholdSource(opts.model, opts.contamination, metadata.anomaly);
    scores = await pieceStepScores(model, scaled, series, pieces);
  } finally {
    model.dispose();
  }
  const { threshold, source } = detectionThreshold(opts.contamination, metadata.anomaly, finiteOnly(scores));
  const flags = scores.map((s) => Array.from(s, (v) => v > threshold));
  const ranges = flags.map((f, j) => flaggedRanges(f).map(([a, b]) => [a + pieces[j].from, b + pieces[j].from] as [number, number]));
  const labels = raw.map((p) => labelTexts(p));
  let truth: AnomalyLabels | undefined;
  let report: DetectionReport | undefined;
  if (labels.every((l) => l)) {
    // which labels mark anomalies is read from every step, as one process would
    truth = anomalyLabels(labels.flatMap((l) => l!), opts.positiveLabel, { file: opts.data, column: opts.label });
    const scored = pieces.flatMap((p, j) => Array.from(scores[j], (v, i) => [v, truth!.anomaly[p.at + i]]).filter(([v]) => Number.isFinite(v)));
    report = evaluateDetection(scored.map(([v]) => v), scored.map(([, a]) => a), threshold);
  }
  const many = raw.length > 1;
  if (opts.out) {
    const rows = pieces.flatMap(({ k, from, to }, j) =>
      Array.from({ length: to - from }, (_, i) => [
        ...(many ? [files[k]] : []),
        String(from + i),
        Number.isFinite(scores[j][i]) ? String(scores[j][i]) : '',
        flags[j][i] ? '1' : '0',
        ...(labels[k] ? [labels[k]![from + i]] : []),
      ]),
    );
    await writeOutput(opts.out, csvText(shardHeader(shard, [...(many ? ['series'] : []), 'step', 'score', 'anomaly', ...(truth ? ['label'] : [])]), rows.length, (i) => rows[i]));
  }
  if (opts.png) await writeOutput(opts.png, seriesChart(raw, scores, ranges, threshold, files, columns));
  const steps = pieces.reduce((a, p) => a + p.to - p.from, 0);
  const flagged = flags.reduce((a, f) => a + f.filter(Boolean).length, 0);
  const bySeries = raw.map((_, k) => ranges[pieces.findIndex((p) => p.k === k)] ?? []);
  const summary = {
    steps,
    flagged,
    ranges: many ? bySeries : bySeries[0],
    threshold,
    thresholdSource: source,
    out: opts.out ?? null,
    png: opts.png ?? null,
    ...shardSummary(shard, range, all),
    ...(report ? { evaluation: report, anomalyLabels: truth!.positive } : {}),
  };
  const results = summaryStream(opts.out);
  if (opts.json) results.write(JSON.stringify(summary) + '\n');
  else {
    const shown = ranges.flat().slice(0, 10).map(([a, b]) => `${a}-${b - 1}`).join(', ');
    results.write(`${shardWords(shard, range, all, 'steps')}${flagged} of ${steps} steps flagged in ${ranges.flat().length} ranges${shown ? ` (${shown}${ranges.flat().length > 10 ? ', ...' : ''})` : ''} (threshold ${threshold.toPrecision(4)}, ${source})\n`);
    if (report)
      results.write(`per step: precision ${report.precision.toFixed(3)}, recall ${report.recall.toFixed(3)}, F1 ${report.f1.toFixed(3)}, ROC AUC ${report.rocAuc.toFixed(3)} against the labels\n`);
  }
  return 0;
}

/** The PNG of `--png`: the first series (every series whole, one score array each), flagged ranges shaded, above their scores and the threshold. */
function seriesChart(raw: ArrayDataset[], scores: Float32Array[], ranges: [number, number][][], threshold: number, files: string[], columns: string[]): Buffer {
  const many = raw.length > 1;
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
  return lineChartPng(panels, { panelHeight: 200 });
}

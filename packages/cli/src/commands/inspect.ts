/**
 * `hourglass inspect`: what a saved model is. Its variants with their
 * configurations, every layer of its parts (encoder, latent heads, decoder,
 * predictor) with its output shape and parameter count, the totals, and,
 * when the model folder sits in a run directory written by `train`, the
 * training configuration (config.json) and final metrics (summary.json,
 * the last line of metrics.jsonl).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Autoencoder, Stack } from '@hourglass/core';
import type { BackendChoice } from '@hourglass/backends';
import { openSavedModel } from '../saved-run.js';
import type { RecommenderMetadata } from '../recommender-metadata.js';

/** Options of `hourglass inspect` (already parsed from flags). */
export interface InspectOptions {
  model: string;
  plugin?: string[];
  backend: BackendChoice;
  json: boolean;
}

/** One layer as inspect shows it. */
interface LayerRow {
  part: string;
  name: string;
  type: string;
  outputShape: number[];
  parameters: number;
}

function layerRows(part: string, stack: Stack): LayerRow[] {
  return stack.layers.map((l) => ({ part, name: l.name, type: l.type, outputShape: [...l.outputShape], parameters: l.weights.reduce((n, w) => n + w.variable.size, 0) }));
}

function partsOf(model: Autoencoder): Array<[string, Stack]> {
  return [
    ['encoder', model.encoder] as [string, Stack],
    ...Object.entries(model.heads).map(([name, stack]) => [`latent head ${name}`, stack] as [string, Stack]),
    ...(model.decoder ? [['decoder', model.decoder] as [string, Stack]] : []),
    ...(model.predictor ? [['predictor', model.predictor] as [string, Stack]] : []),
  ];
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The run directory's files about training, when the model folder is a run's `model/`. */
async function runFiles(modelDir: string): Promise<{ runDir: string; config?: unknown; summary?: unknown; lastEpoch?: unknown }> {
  const runDir = dirname(resolve(modelDir));
  const config = await readJson(join(runDir, 'config.json'));
  const summary = await readJson(join(runDir, 'summary.json'));
  const lines = (await readFile(join(runDir, 'metrics.jsonl'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  let lastEpoch: unknown;
  try {
    lastEpoch = lines.length ? JSON.parse(lines[lines.length - 1]) : undefined;
  } catch {
    lastEpoch = undefined;
  }
  return { runDir, config, summary, lastEpoch };
}

/** What inspect says of a recommender: its kind, rows, number of columns (not their ids), scale and split. */
function recommenderFacts(r: RecommenderMetadata) {
  return { kind: r.kind, rows: r.rows, columns: r.columnIds.length, ratingRange: r.ratingRange ?? null, minRating: r.minRating, split: r.split, interactions: r.interactions };
}

const shapeText = (s: number[]) => `[${s.join(', ')}]`;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * Runs `hourglass inspect`; returns the exit code.
 *
 * @example
 * await inspectCommand({ model: 'run/model', backend: 'auto', json: true });
 */
export async function inspectCommand(opts: InspectOptions): Promise<number> {
  const { model, json, metadata } = await openSavedModel(opts);
  let report: Record<string, unknown>;
  let rows: LayerRow[];
  try {
    rows = partsOf(model).flatMap(([part, stack]) => layerRows(part, stack));
    const parts: Record<string, number> = {};
    for (const r of rows) parts[r.part] = (parts[r.part] ?? 0) + r.parameters;
    const files = await runFiles(opts.model);
    const config = files.config as { train?: unknown; split?: unknown; data?: unknown } | undefined;
    const summary = files.summary as Record<string, unknown> | undefined;
    report = {
      model: opts.model,
      variants: model.composition.all.map((v) => ({ name: v.name, version: v.version, role: v.role, config: v.config })),
      inputShape: model.recipe.inputShape,
      codeShape: model.codeShape,
      loss: model.loss,
      canGenerate: model.canGenerate,
      conditional: model.isConditional,
      residual: model.recipe.residual === true,
      classes: model.isConditional ? ((model.metadata.classNames as string[] | undefined) ?? model.conditionClasses) : null,
      scaling: (model.scaling as { kind?: string } | undefined)?.kind ?? null,
      dataset: metadata.dataset ?? null,
      recommender: metadata.recommender ? recommenderFacts(metadata.recommender) : null,
      layers: rows,
      parameters: { total: model.parameterCount, ...parts },
      training: config ? { train: config.train ?? null, split: config.split ?? null } : null,
      metrics: summary || files.lastEpoch ? { summary: summary ?? null, lastEpoch: files.lastEpoch ?? null } : null,
      runDirectory: config || summary ? files.runDir : null,
      formatVersion: json.formatVersion,
    };
  } finally {
    model.dispose();
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return 0;
  }
  const out: string[] = [];
  out.push(`model ${opts.model}: input ${shapeText(report.inputShape as number[])}, code ${shapeText(report.codeShape as number[])}, loss ${report.loss}${report.canGenerate ? ', generative' : ''}${report.conditional ? ', conditional' : ''}${report.residual ? ', residual' : ''}`);
  const rec = report.recommender as ReturnType<typeof recommenderFacts> | null;
  if (rec)
    out.push(
      `recommender: ${rec.kind}, one row per ${rec.rows === 'users' ? 'user' : 'item'} over ${count(rec.columns)} ${rec.rows === 'users' ? 'items' : 'users'}` +
        `${rec.ratingRange ? `, ratings ${rec.ratingRange[0]} to ${rec.ratingRange[1]}` : ''}${rec.minRating !== undefined ? `, ratings >= ${rec.minRating} kept` : ''}; split ${JSON.stringify(rec.split)}`,
    );
  out.push('variants:');
  for (const v of report.variants as Array<{ name: string; role: string; config: unknown }>) out.push(`  ${v.name} (${v.role}) ${JSON.stringify(v.config)}`);
  out.push('layers:');
  const width = Math.max(...rows.map((r) => r.name.length), 4);
  out.push(`  ${'name'.padEnd(width)}  ${'output shape'.padEnd(16)}  parameters`);
  for (const r of rows) out.push(`  ${r.name.padEnd(width)}  ${shapeText(r.outputShape).padEnd(16)}  ${count(r.parameters).padStart(10)}`);
  const p = report.parameters as Record<string, number>;
  out.push(`parameters: ${count(p.total)} (${Object.entries(p).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${count(v)}`).join(', ')})`);
  const training = report.training as { train?: unknown } | null;
  if (training?.train) out.push(`training: ${JSON.stringify(training.train)}`);
  const metrics = report.metrics as { summary: Record<string, unknown> | null; lastEpoch: unknown } | null;
  if (metrics?.summary) {
    const s = metrics.summary;
    const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : 'n/a');
    out.push(`final metrics: train loss ${fmt(s.trainLoss)}, val loss ${fmt(s.valLoss)}, test loss ${fmt(s.testLoss)} after ${s.epochs} epochs (${s.stopReason})`);
    const held = s.recommender as Record<string, unknown> | undefined;
    if (held)
      out.push(
        `held out: ${Object.entries(held).filter(([k, v]) => typeof v === 'number' && k !== 'ratings' && k !== 'users').map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}` +
          ` (${held.ratings !== undefined ? `${count(Number(held.ratings))} ratings` : `${count(Number(held.users))} users`})`,
      );
  } else if (metrics?.lastEpoch) out.push(`last epoch: ${JSON.stringify(metrics.lastEpoch)}`);
  else out.push('no run directory beside the model folder: no training configuration or metrics to show');
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

/**
 * The page of `hourglass serve`: starts the WebAssembly backend (threaded
 * where the page is cross-origin isolated), loads the served model with
 * the same core and variant packages the CLI uses, and shows it at work on
 * the served samples. Everything is computed here, in the browser.
 */
import { loadModel, type Autoencoder } from '@hourglass/core';
import { setupWasm } from '@hourglass/backend-wasm';
import '@hourglass/variant-undercomplete/register';
import '@hourglass/variant-convolutional/register';
import '@hourglass/variant-denoising/register';
import '@hourglass/variant-sparse/register';
import '@hourglass/variant-contractive/register';
import '@hourglass/variant-variational/register';
import '@hourglass/variant-recurrent/register';
import '@hourglass/variant-temporal-conv/register';
import '@hourglass/variant-autorec/register';
import '@hourglass/variant-mult-vae/register';
import '@hourglass/variant-layers/register';
import { anomalySection } from './anomaly.js';
import { sampleKind } from './draw.js';
import { drawPadSection } from './draw-pad.js';
import { generativeSection } from './generative.js';
import { latentSection } from './latent.js';
import { reconstructionsSection } from './reconstructions.js';
import { seriesSection } from './series.js';
import { trainingSection } from './training.js';
import { fetchSamples } from './samples.js';
import { pageState } from './state.js';

const $ = (id: string) => document.getElementById(id)!;

function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const state = pageState();
  state.status = 'error';
  state.error = message;
  $('status').textContent = 'failed';
  const section = document.createElement('section');
  section.className = 'error';
  section.innerHTML = '<h2>This model cannot be shown</h2>';
  const pre = document.createElement('pre');
  pre.textContent = message;
  section.append(pre);
  $('main').append(section);
}

function describeModel(model: Autoencoder): void {
  const state = pageState();
  state.model = { variants: model.variantNames, inputShape: model.recipe.inputShape, codeShape: model.codeShape, parameters: model.parameterCount, loss: model.loss };
  $('title').textContent = model.variantNames.join(' + ');
  $('facts').textContent = `input [${model.recipe.inputShape.join(', ')}] → code [${model.codeShape.join(', ')}] · ${model.parameterCount.toLocaleString('en-US')} parameters · ${model.loss} loss`;
}

async function main(): Promise<void> {
  const state = pageState();
  const report = await setupWasm({ baseUrl: './wasm/' });
  state.backend = { name: 'wasm', build: report.build, simd: report.simd, threads: report.threads, reason: report.reason, initMs: report.initMs };
  $('backend').innerHTML = `<span class="badge">WebAssembly ${report.build}</span><span class="badge">${report.threads} thread${report.threads === 1 ? '' : 's'}</span>${report.reason ? `<span class="badge warn" title="${report.reason.replace(/"/g, '&quot;')}">why not more threads?</span>` : ''}`;
  const site = (await (await fetch('./site.json')).json()) as { model: boolean; samples?: boolean; series?: boolean };
  if (!site.model) {
    const toTrainOn = site.samples ? await fetchSamples('./') : undefined;
    $('title').textContent = 'trainer';
    $('status').textContent = toTrainOn ? `${toTrainOn.n} samples of ${toTrainOn.name} to train on` : 'no model served: train one below';
    $('main').append(trainingSection(toTrainOn));
    state.status = 'ready';
    return;
  }
  $('status').textContent = 'loading the model…';
  const model = await loadModel(new URL('./model/', location.href).href); // an http(s) URL: read with fetch
  describeModel(model);
  const samples = await fetchSamples('./');
  state.samples = { name: samples.name, n: samples.n };
  $('status').textContent = `${samples.n} test samples of ${samples.name}`;
  const main = $('main');
  const series = await seriesSection(model, './', site.series === true);
  if (series) main.append(series);
  main.append(await reconstructionsSection(model, samples, samples.sampleShape.length === 2 ? 8 : 24)); // fewer series: each is a wide plot
  for (const section of [latentSection, generativeSection, anomalySection]) {
    const shown = await section(model, samples);
    if (shown) main.append(shown);
  }
  const pad = drawPadSection(model, samples, sampleKind(samples.sampleShape));
  if (pad) main.append(pad);
  main.append(trainingSection(samples));
  state.status = 'ready';
}

main().catch(showError);

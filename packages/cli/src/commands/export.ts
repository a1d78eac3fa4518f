/**
 * `hourglass export`: a saved model's part (the whole autoencoder, the
 * encoder, the decoder or a forecaster's predictor) as a standard network
 * other tools load: a tfjs LayersModel folder (`tf.loadLayersModel`), an
 * ONNX file (onnxruntime in Python, C#, Java, the browser) or a Keras 3
 * `.keras` file. The network takes data as the model does, after the
 * model's own scaling: when the model has one it is written beside the
 * export (`scaling.json`) for the caller to apply.
 */
import { directoryStore } from '@hourglass/core';
import type { BackendChoice } from '@hourglass/backends';
import type { ExportFormat, ExportPart } from '@hourglass/export';
import { openSavedModel } from '../saved-run.js';
import { writeOutput } from '../output.js';

/** Options of `hourglass export` (already parsed from flags). */
export interface ExportCommandOptions {
  model: string;
  format: ExportFormat;
  part: ExportPart;
  logVar: boolean;
  out: string;
  plugin?: string[];
  backend: BackendChoice;
  json: boolean;
}

/**
 * Runs `hourglass export`; returns the exit code.
 *
 * @example
 * await exportCommand({ model: 'run/model', format: 'onnx', part: 'encoder', logVar: false, out: 'encoder.onnx', backend: 'cpu', json: false });
 */
export async function exportCommand(opts: ExportCommandOptions): Promise<number> {
  const { exportNetwork, portableNetwork } = await import('@hourglass/export');
  const { model } = await openSavedModel(opts);
  try {
    const net = portableNetwork(model, { part: opts.part, logVar: opts.logVar });
    const files = await exportNetwork(net, opts.format);
    const scaling = model.scaling === undefined ? undefined : new TextEncoder().encode(JSON.stringify(model.scaling, null, 1) + '\n');
    const written: string[] = [];
    if (files.length > 1) {
      // a folder of files (tfjs-layers): each written atomically, model.json last
      await directoryStore(opts.out).write(scaling ? [['scaling.json', scaling], ...files] : files);
      written.push(...files.map(([name]) => `${opts.out}/${name}`), ...(scaling ? [`${opts.out}/scaling.json`] : []));
    } else {
      await writeOutput(opts.out, files[0][1]);
      written.push(opts.out);
      if (scaling) {
        await writeOutput(`${opts.out}.scaling.json`, scaling);
        written.push(`${opts.out}.scaling.json`);
      }
    }
    const summary = {
      format: opts.format,
      part: opts.part,
      input: net.inputShape,
      outputs: Object.fromEntries(net.outputs.map((o) => [o.name, o.shape])),
      parameters: model.parameterCount,
      files: written,
      scaled: scaling !== undefined,
    };
    if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else {
      const outputs = net.outputs.map((o) => `${o.name} [${o.shape.join(', ')}]`).join(', ');
      process.stdout.write(`exported the ${opts.part} as ${opts.format}: input [${net.inputShape.join(', ')}] -> ${outputs}\n`);
      process.stdout.write(`wrote ${written.join(', ')}\n`);
      if (scaling) process.stdout.write('the network takes scaled data: apply the scaling in scaling.json first (as hourglass encode does)\n');
    }
    return 0;
  } finally {
    model.dispose();
  }
}

/**
 * Hourglass models through tfjs IO handlers. The model.json content (minus
 * its file paths) travels as `modelTopology`, the weights as tfjs weight
 * specs and one buffer, so any handler works: `indexeddb://` and
 * `localstorage://` in browsers, tfjs-node's `file://`, `http(s)://`
 * uploads, or a custom `tf.io.IOHandler`. Loading applies the same checks as
 * loading from a directory.
 */
import { tf } from '../tf.js';
import { ModelFileError } from '../errors.js';
import { parseModelJson, type ModelJson, type WeightEntry } from './format.js';
import { concatBytes } from '../arrays.js';
import { isHttpUrl } from './url-store.js';

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The tfjs IO handler a save or load target names, or undefined for paths and stores. */
export function ioHandlerFor(target: unknown, purpose: 'save' | 'load'): tf.io.IOHandler | undefined {
  if (typeof target === 'string') {
    if (!URL_SCHEME.test(target)) return undefined;
    if (purpose === 'load' && isHttpUrl(target)) return undefined; // read with fetch (urlStore): tfjs's handler expects a layers model
    const handlers = purpose === 'save' ? tf.io.getSaveHandlers(target) : tf.io.getLoadHandlers(target);
    if (handlers.length === 0)
      throw new ModelFileError(`no tfjs IO handler can ${purpose} "${target}" here (file:// needs @tensorflow/tfjs-node; indexeddb:// and localstorage:// need a browser)`);
    return handlers[0];
  }
  const t = target as Partial<tf.io.IOHandler>;
  if (typeof t === 'object' && t !== null && (typeof t.save === 'function' || typeof t.load === 'function')) return t as tf.io.IOHandler;
  return undefined;
}

/** Writes model.json content and weights through a handler. */
export async function saveArtifacts(handler: tf.io.IOHandler, json: ModelJson, bytes: Uint8Array): Promise<void> {
  if (!handler.save) throw new ModelFileError('this IO handler cannot save');
  const { weightsManifest, ...topology } = json;
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  await handler.save({
    modelTopology: topology as unknown as object,
    weightSpecs: weightsManifest[0].weights,
    weightData,
    format: json.format,
    generatedBy: json.generator,
  });
}

function joinBuffers(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  return Array.isArray(data) ? concatBytes(data.map((b) => new Uint8Array(b))) : new Uint8Array(data);
}

/** Reads and validates model.json content and weights through a handler. */
export async function loadArtifacts(handler: tf.io.IOHandler, maxBytes: number): Promise<{ json: ModelJson; bytes: Uint8Array; where: string }> {
  if (!handler.load) throw new ModelFileError('this IO handler cannot load');
  const where = 'tfjs IO handler';
  const artifacts = await handler.load();
  if (typeof artifacts.modelTopology !== 'object' || artifacts.modelTopology === null || !artifacts.weightSpecs || !artifacts.weightData)
    throw new ModelFileError('the handler returned no model topology, weight specs or weight data', where);
  const candidate = {
    ...(artifacts.modelTopology as object),
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs as WeightEntry[] }],
  };
  const { json, bytesPerPath } = parseModelJson(JSON.stringify(candidate), where, maxBytes);
  const bytes = joinBuffers(artifacts.weightData as ArrayBuffer | ArrayBuffer[]);
  const expected = bytesPerPath.get('weights.bin');
  if (bytes.byteLength !== expected)
    throw new ModelFileError(`weight data holds ${bytes.byteLength} bytes but the specs declare ${expected}`, where);
  return { json, bytes, where };
}

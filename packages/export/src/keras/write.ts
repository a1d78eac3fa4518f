/**
 * A portable network as a Keras 3 `.keras` archive: `metadata.json`,
 * `config.json` (a Functional model, see model-config.ts) and
 * `model.weights.h5` (see weights-h5.ts), zipped.
 */
import type { PortableNetwork } from '../portable.js';
import { zipKeras } from './archive.js';
import { kerasModel } from './model-config.js';
import { writeWeightsH5 } from './weights-h5.js';

/**
 * The Keras version whose format is written (what `metadata.json` declares).
 *
 * @example
 * KERAS_VERSION; // '3.15.1': load the files with Keras 3
 */
export const KERAS_VERSION = '3.15.1';

const dateSaved = (d: Date) => d.toISOString().slice(0, 19).replace('T', '@');

/**
 * The bytes of a Keras 3 `.keras` file holding `net`; `keras.saving.load_model` loads it.
 *
 * @example
 * const bytes = await kerasFile(portableNetwork(model, { part: 'encoder' }));
 * writeFileSync('encoder.keras', bytes); // in Python: keras.saving.load_model('encoder.keras')
 */
export async function kerasFile(net: PortableNetwork, date = new Date()): Promise<Uint8Array> {
  const model = kerasModel(net);
  const h5 = await writeWeightsH5({ groups: model.groups, datasets: model.vars });
  return zipKeras({
    'metadata.json': JSON.stringify({ keras_version: KERAS_VERSION, date_saved: dateSaved(date) }),
    'config.json': JSON.stringify(model.config),
    'model.weights.h5': h5,
  });
}

/** Where a model goes to and comes from: the argument of `saveModel` and `loadModel`. */
import type { tf } from '../tf.js';
import type { NamedBlob } from './file-set-store.js';
import type { ModelStore } from './store-contract.js';

/**
 * Where a model is saved or loaded: a directory path, a `ModelStore`, a
 * tfjs IO handler (`tf.io.IOHandler`), a tfjs IO URL such as
 * `indexeddb://name`, `localstorage://name` or (with tfjs-node) `file://dir`,
 * an http(s) URL (loading), or the files a user chose (a `FileList` or
 * `File[]`; loading).
 */
export type SaveTarget = string | ModelStore | tf.io.IOHandler | ArrayLike<NamedBlob>;

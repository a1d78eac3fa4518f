import { tf } from '../src/index.js';

tf.env().set('IS_TEST', true);

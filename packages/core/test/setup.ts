import '@tensorflow/tfjs-backend-cpu';
import { tf } from '../src/index.js';

tf.env().set('IS_TEST', true);
await tf.setBackend('cpu');

import '@tensorflow/tfjs-backend-cpu';
import { tf } from '@hourglass/core';

await tf.setBackend('cpu');

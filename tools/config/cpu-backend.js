// Vitest setup file: every test file starts on tfjs's cpu backend.
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';

await setBackend('cpu');

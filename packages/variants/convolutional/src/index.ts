export { convolutional } from './variant.js';

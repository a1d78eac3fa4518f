export { layers } from './variant.js';

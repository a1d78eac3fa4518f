export { contractive } from './variant.js';

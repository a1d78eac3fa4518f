export { autorec } from './variant.js';

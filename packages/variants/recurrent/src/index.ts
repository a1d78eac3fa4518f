export { recurrent } from './variant.js';

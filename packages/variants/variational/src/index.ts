export { variational } from './variant.js';

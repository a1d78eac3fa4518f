export { klWeight, variational } from './variant.js';

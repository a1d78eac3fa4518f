export { default } from '@hourglass/tools/vitest';

import { cpuTestConfig } from '@hourglass/tools/vitest';

// On top of the shared cpu setup, core's tests run with tfjs's kernel leak checks on.
export default cpuTestConfig({ setupFiles: ['./test/setup.ts'] });

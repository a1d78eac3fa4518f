import { packageConfig } from '@hourglass/tools/tsup';

export default packageConfig({ index: 'src/index.ts', register: 'src/register.ts' });

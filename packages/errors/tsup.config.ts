import { packageConfig } from '../../tools/tsup.base';

export default packageConfig({ index: 'src/index.ts' });

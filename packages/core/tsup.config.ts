import { packageConfig } from '../../tools/tsup.base';

export default packageConfig({ index: 'src/index.ts', testing: 'src/testing/index.ts' }, { noExternal: [/register_all_gradients/] });

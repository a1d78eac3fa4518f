import type { Options } from 'tsup';

/** The shared build of a package: ESM + CJS + d.ts for `entry`, with `extra` tsup options on top. */
export declare function packageConfig(entry: Record<string, string>, extra?: Options): Options | Options[];

import type { UserConfig } from 'vitest/config';

type TestOptions = NonNullable<UserConfig['test']>;

/** The shared cpu-backend test configuration, with `setupFiles` run after the cpu setup and other `test` options on top. */
export declare function cpuTestConfig(test?: Omit<TestOptions, 'setupFiles'> & { setupFiles?: string[] }): UserConfig;
declare const config: UserConfig;
export default config;

import type { Platform } from "../platform";

/** How one port is built inside a Lambda function, from the rest of the platform and the environment. */
export type AwsAdapter<K extends keyof Platform> = (
  platform: Platform,
  env: NodeJS.ProcessEnv,
) => Platform[K];

/** Some of the ports' AWS adapters: what one function's entry imports, and no more. */
export type AwsAdapters = { [K in keyof Platform]?: AwsAdapter<K> };

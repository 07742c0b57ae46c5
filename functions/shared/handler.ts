import { awsPlatform } from "@gyre/core/platform/aws-platform";
import type { Platform } from "@gyre/core/platform/platform";

/** What the runtime tells a handler it makes: the rule (subscription) it serves, for dead letters. */
export interface MakeContext {
  rule: string;
}

/** Makes a module's handler from a platform: the local runtime and tests call it with theirs. */
export type Make<H> = (platform: Platform, context: MakeContext) => H;

/**
 * A Lambda entry point: the handler made once, on the first invocation, from the AWS platform.
 * The rule a dead letter names is the function's own name there.
 */
export function onAws<A extends unknown[], R>(make: Make<(...args: A) => R>) {
  let made: ((...args: A) => R) | undefined;
  return (...args: A): R => {
    made ??= make(awsPlatform(), { rule: process.env.AWS_LAMBDA_FUNCTION_NAME ?? "lambda" });
    return made(...args);
  };
}

import type { Platform } from "@gyre/core/platform/platform";

/** What the runtime tells a handler it makes: the rule (subscription) it serves, for dead letters. */
export interface MakeContext {
  rule: string;
}

/** Makes a module's handler from a platform: the local runtime and tests call it with theirs. */
export type Make<H> = (platform: Platform, context: MakeContext) => H;

/**
 * A module's Lambda entry point, given the AWS platform its generated entry builds from the
 * function's declared ports (functions/bundling/entry.ts): the handler is made once, on
 * the first invocation. The rule a dead letter names is the function's own name there.
 */
export function onAws<A extends unknown[], R>(make: Make<(...args: A) => R>) {
  return (platform: Platform) => {
    let made: ((...args: A) => R) | undefined;
    return (...args: A): R => {
      made ??= make(platform, { rule: process.env.AWS_LAMBDA_FUNCTION_NAME ?? "lambda" });
      return made(...args);
    };
  };
}

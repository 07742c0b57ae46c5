import { Logger } from "@aws-lambda-powertools/logger";
import type { Platform } from "@gyre/core/platform/platform";
import type { Hono } from "hono";
import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";

// biome-ignore lint/suspicious/noExplicitAny: any hono app, whatever its env and routes
type AnyApp = Hono<any, any, any>;

/**
 * A service's Lambda entry point, given the AWS platform its generated entry builds: its hono
 * app behind API Gateway, made on first use, one log line per request.
 */
export function lambdaApi(make: (platform: Platform) => AnyApp | Promise<AnyApp>) {
  return (platform: Platform) => {
    const logger = new Logger();
    let lambda: Promise<ReturnType<typeof handle>> | undefined;
    return async (event: LambdaEvent, context: LambdaContext) => {
      lambda ??= Promise.resolve(make(platform)).then((app) => handle(app));
      const started = Date.now();
      const response = await (await lambda)(event, context);
      logger.info("request", {
        route: "routeKey" in event ? event.routeKey : undefined,
        status: response.statusCode,
        ms: Date.now() - started,
        requestId: context.awsRequestId,
      });
      return response;
    };
  };
}

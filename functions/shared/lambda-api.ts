import { Logger } from "@aws-lambda-powertools/logger";
import type { Hono } from "hono";
import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";

// biome-ignore lint/suspicious/noExplicitAny: any hono app, whatever its env and routes
type AnyApp = Hono<any, any, any>;

/** A service's Lambda entry point: its hono app behind API Gateway, built once on first use, one log line per request. */
export function lambdaApi(build: () => AnyApp) {
  const logger = new Logger();
  let lambda: ReturnType<typeof handle> | undefined;
  return async (event: LambdaEvent, context: LambdaContext) => {
    lambda ??= handle(build());
    const started = Date.now();
    const response = await lambda(event, context);
    logger.info("request", {
      route: "routeKey" in event ? event.routeKey : undefined,
      status: response.statusCode,
      ms: Date.now() - started,
      requestId: context.awsRequestId,
    });
    return response;
  };
}

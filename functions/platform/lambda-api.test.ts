import { deadLetters } from "@gyre/core/platform/aws/dead-letters";
import { events as eventLog } from "@gyre/core/platform/aws/events";
import { state } from "@gyre/core/platform/aws/state";
import { tokens } from "@gyre/core/platform/aws/tokens";
import { awsPlatform } from "@gyre/core/platform/aws-platform";
import { describe, expect, it } from "vitest";
import { lambda as eventsLambda } from "../events/api";
import { lambda as platformLambda } from "./api";

// Each made from the ports its generated entry gives it (functions/bundling/entry.ts).
const platform = platformLambda(awsPlatform({ state, tokens, deadLetters }));
const events = eventsLambda(awsPlatform({ state, tokens, deadLetters, events: eventLog }));

/** A request as API Gateway's HTTP API (payload format 2.0) hands it to the function. */
function httpApiEvent(method: string, path: string, headers: Record<string, string> = {}) {
  return {
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example", ...headers },
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      authentication: null,
      authorizer: {},
      domainName: "api.example",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "test" },
      requestId: "r-1",
      routeKey: `${method} ${path}`,
      stage: "$default",
      time: "01/Mar/2026:12:00:00 +0000",
      timeEpoch: 1772366400000,
    },
  };
}

const context = { awsRequestId: "req-1", functionName: "EventsApi" } as Parameters<
  typeof events
>[1];

describe("API Lambda handlers", () => {
  it("the platform function answers /health; the events function refuses /events without a token, through API Gateway's event format", async () => {
    const health = await platform(httpApiEvent("GET", "/health"), context);
    const list = await events(httpApiEvent("GET", "/events"), context);

    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok" });
    expect(list.statusCode).toBe(401);
    expect(JSON.parse(list.body).error.code).toBe("auth.missing_token");
  });
});

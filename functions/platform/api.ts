import { DynamoTokenStore } from "@gyre/core/platform/auth/index";
import { awsEventLog } from "@gyre/core/platform/bus/aws-event-log";
import { createApp } from "@gyre/core/platform/http/app";
import type { AuthEnv } from "@gyre/core/platform/http/auth";
import { renderDocsPage } from "@gyre/core/platform/http/docs-page";
import { errorResponse } from "@gyre/core/platform/http/errors";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { datasetsApi } from "../datasets/api";
import { eventsApi } from "../events/api";
import { registryApi } from "../registry/api";
import { lambdaApi } from "../shared/lambda-api";
import { trainingApi } from "../training/api";

export const GYRE_VERSION = "0.1.0";

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["platform"],
  summary: "Liveness: answers without a token",
  responses: {
    200: {
      description: "Gyre is up",
      content: {
        "application/json": { schema: z.object({ status: z.literal("ok"), version: z.string() }) },
      },
    },
  },
});

/** The whole API: /health, every service's routes, /openapi.json (generated) and the /docs page. */
export function platformApi(services: OpenAPIHono<AuthEnv>[]) {
  const app = createApp();
  app.openapi(health, (c) => c.json({ status: "ok" as const, version: GYRE_VERSION }, 200));
  for (const service of services) app.route("/", service);
  const document = () =>
    app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Gyre API",
        version: GYRE_VERSION,
        description:
          "Event-driven MLOps on AWS: datasets, training, registry, deployment, monitoring.",
      },
    });
  app.get("/openapi.json", (c) => c.json(document()));
  app.get("/docs", (c) =>
    c.html(renderDocsPage(document() as Parameters<typeof renderDocsPage>[0])),
  );
  app.notFound((c) =>
    errorResponse(
      c,
      404,
      "route.not_found",
      `No route ${c.req.method} ${c.req.path}; the API reference is at /docs.`,
    ),
  );
  return app;
}

/** The Lambda entry point on AWS for /health, /openapi.json and /docs, documenting every service's routes. */
export const handler = lambdaApi(() => {
  const tokens = new DynamoTokenStore();
  return platformApi([
    eventsApi({ tokens, events: awsEventLog() }),
    datasetsApi({ tokens }),
    trainingApi({ tokens }),
    registryApi({ tokens }),
  ]);
});

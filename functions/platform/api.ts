import { createApp } from "@gyre/core/platform/http/app";
import type { AuthEnv } from "@gyre/core/platform/http/auth";
import { renderDocsPage } from "@gyre/core/platform/http/docs-page";
import { errorResponse } from "@gyre/core/platform/http/errors";
import type { Platform } from "@gyre/core/platform/platform";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { apis } from "../services";
import { lambdaApi } from "../shared/lambda-api";
import type { ServiceApi } from "../wiring";
import { apiDescription } from "./description";
import { whoamiApi } from "./whoami";

export const GYRE_VERSION = "0.1.0";

/** Where clients put data: a local Gyre's own S3. On AWS it is S3 itself, and not said. */
const LocalS3 = z
  .object({
    endpoint: z.string().openapi({ example: "http://127.0.0.1:7701" }),
    bucket: z.string().openapi({ example: "gyre-data" }),
  })
  .openapi("LocalS3", {
    description:
      "The S3 endpoint and bucket of a local Gyre (`npm start`): where `gyre data push` uploads.",
  });

const Health = z
  .object({ status: z.literal("ok"), version: z.string(), s3: LocalS3.optional() })
  .openapi("Health");

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["platform"],
  summary: "Liveness: answers without a token",
  description: "Also says where a local Gyre's S3 is (`s3`), so clients need only the API's URL.",
  responses: {
    200: { description: "Gyre is up", content: { "application/json": { schema: Health } } },
  },
});

export interface PlatformInfo {
  /** The APIs mounted, for the document's description. */
  apis?: ServiceApi[];
  /** Set when the objects port is a local S3 that clients can reach. */
  s3?: z.infer<typeof LocalS3>;
}

/** The whole API: /health, every service's routes, /openapi.json (generated) and the /docs page. */
export function platformApi(services: OpenAPIHono<AuthEnv>[], info: PlatformInfo = {}) {
  const app = createApp();
  const answer = { status: "ok" as const, version: GYRE_VERSION, ...(info.s3 && { s3: info.s3 }) };
  app.openapi(health, (c) => c.json(answer, 200));
  for (const service of services) app.route("/", service);
  const document = () => {
    const doc = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "Gyre API", version: GYRE_VERSION },
    });
    const paths = (doc.paths ?? {}) as Parameters<typeof apiDescription>[0];
    doc.info.description = apiDescription(paths, info.apis ?? []);
    return doc;
  };
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

type App = OpenAPIHono<AuthEnv>;
type ApiModule = { make(platform: Platform): App | Promise<App> };
export type LoadApi = (api: ServiceApi) => Promise<ApiModule>;

/** A service's API module, `functions/<service>/api.ts`, in a way a bundler can follow. */
const loadBundled: LoadApi = (api) => {
  const folder = /^functions\/([a-z-]+)\/api\.ts$/.exec(api.handler)?.[1];
  if (!folder) throw new Error(`${api.handler}: an API module is functions/<service>/api.ts.`);
  return import(`../${folder}/api.ts`);
};

/** The app of every API (by default every service's in functions/services.ts), made from `platform`. */
export async function serviceApps(
  platform: Platform,
  list: ServiceApi[] = apis,
  load: LoadApi = loadBundled,
) {
  const apps: OpenAPIHono<AuthEnv>[] = [];
  for (const api of list) {
    apps.push(
      api.service === "platform" ? whoamiApi(platform) : await (await load(api)).make(platform),
    );
  }
  return apps;
}

/** The whole API from one platform: what the local runtime serves. */
export const make = async (platform: Platform) =>
  platformApi(await serviceApps(platform), { apis });

/** The Lambda entry point on AWS for /health, /openapi.json and /docs, documenting every service's routes. */
export const lambda = lambdaApi(make);

import { roles } from "@gyre/core/platform/auth/index";
import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import { z } from "@hono/zod-openapi";
import { json } from "../shared/schemas";

const Principal = z
  .object({
    name: z.string().openapi({ example: "ada" }),
    role: z.enum(roles),
  })
  .openapi("Principal", { description: "The name and role of the token that asked" });

/** GET /whoami: who the bearer token is, so a client (the console) shows only what its role may do. */
export function whoamiApi(platform: Pick<Platform, "tokens">) {
  const app = createApp();
  app.openapi(
    authedRoute(platform.tokens, "viewer", {
      method: "get",
      path: "/whoami",
      tags: ["platform"],
      summary: "The token's name and role",
      responses: { 200: json(Principal, "Who the token is") },
    }),
    (c) => c.json(c.get("principal"), 200),
  );
  return app;
}

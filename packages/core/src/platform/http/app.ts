import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { AuthEnv } from "./auth";
import { describeIssues, errorResponse, onError } from "./errors";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** What SageMaker takes in one real-time invocation: an endpoint's invocations route allows it. */
export const MAX_INVOCATION_BYTES = 6 * 1024 * 1024;

const isInvocation = (path: string) => /^\/endpoints\/[^/]+\/invocations$/.test(path);

export function maxBodyBytes(): number {
  const configured = Number(process.env.GYRE_MAX_BODY_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_BODY_BYTES;
}

/** A service's hono app: zod validation errors as 400s, the error format, the body limit, bearer auth in the docs. */
export function createApp() {
  const app = new OpenAPIHono<AuthEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const where = result.target === "json" ? "body" : result.target;
        return errorResponse(c, 400, "request.invalid", describeIssues(result.error, where));
      }
    },
  });
  const limit = maxBodyBytes();
  const tooLarge = (bytes: number, why: string) =>
    bodyLimit({
      maxSize: bytes,
      onError: (c) =>
        errorResponse(
          c,
          413,
          "request.too_large",
          `The request body is over ${bytes} bytes (${why}).`,
        ),
    });
  const api = tooLarge(limit, "GYRE_MAX_BODY_BYTES");
  const invocation = tooLarge(MAX_INVOCATION_BYTES, "SageMaker's limit for one invocation");
  app.use((c, next) => (isInvocation(c.req.path) ? invocation(c, next) : api(c, next)));
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A token from `npx gyre token create --role <viewer|pipeline|approver|admin>`",
  });
  app.onError(onError);
  return app;
}

import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { Role, TokenStore } from "../auth/index";
import { requireRole } from "./auth";
import { ErrorBody } from "./errors";

const errorContent = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});

/** A 404 in the error format, documented with what was not found. */
export const notFound = (description: string) => ({ 404: errorContent(description) });

/** A 409 in the error format, documented with the conflicting state. */
export const conflict = (description: string) => ({ 409: errorContent(description) });

export const standardErrors = {
  400: errorContent("Bad input: the code and message say what is wrong"),
  401: errorContent("No token, or an unknown one"),
  403: errorContent("The token's role is too low"),
  413: errorContent("The request body is over the limit"),
};

/** A route that needs `role`: bearer auth, the role check, and the error responses in the OpenAPI document. */
export function authedRoute<R extends Omit<RouteConfig, "middleware" | "security">>(
  tokens: TokenStore,
  role: Role,
  route: R,
) {
  return createRoute({
    ...route,
    security: [{ bearer: [] }],
    description: `${route.description ?? ""}\n\nNeeds the \`${role}\` role.`.trim(),
    middleware: [requireRole(tokens, role)] as const,
    responses: { ...standardErrors, ...route.responses },
  });
}

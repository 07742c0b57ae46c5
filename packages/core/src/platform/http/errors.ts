import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorKind, VisibleError } from "../errors";
import { InvalidPatternError } from "../pattern/index";

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "request.invalid" }),
      message: z.string(),
    }),
  })
  .openapi("Error");

const statusOf: Record<ErrorKind, ContentfulStatusCode> = {
  input: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
};

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
) {
  return c.json({ error: { code, message } }, status);
}

/** Maps what a handler throws to the error format: visible errors by kind, anything else a logged 500. */
export function onError(error: Error, c: Context) {
  if (error instanceof VisibleError)
    return errorResponse(c, statusOf[error.kind], error.code, error.message);
  if (error instanceof InvalidPatternError) return errorResponse(c, 400, error.code, error.message);
  if (error instanceof z.ZodError)
    return errorResponse(c, 400, "request.invalid", describeIssues(error));
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 400 ? "request.malformed_json" : `request.http_${error.status}`;
    return errorResponse(c, error.status as ContentfulStatusCode, code, error.message);
  }
  console.error(
    JSON.stringify({
      level: "error",
      message: "unhandled error",
      error: String(error?.stack ?? error),
    }),
  );
  return errorResponse(c, 500, "internal", "Something went wrong on our side; it has been logged.");
}

/** `body.entries.0.source: Invalid input: expected string, received undefined; ...` */
export function describeIssues(error: z.ZodError, where?: string): string {
  return error.issues
    .map((issue) => {
      const path = [where, ...issue.path].filter((p) => p !== undefined && p !== "").join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute, notFound } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import * as Registry from "@gyre/core/registry/index";
import { json, jsonBody, ListQuery, pageOf } from "../shared/schemas";
import { Comment, CommentBody, VersionParams } from "./schemas";

const tags = ["registry"];
const missing = notFound("No such model or version");

/** A discussion thread per version: append-only, announced as Model Version Commented. */
export function commentsApi(platform: Pick<Platform, "tokens" | "state" | "bus">) {
  const { tokens } = platform;
  const app = createApp();

  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/models/{name}/versions/{version}/comments",
      tags,
      summary: "Comment on a version (the author is the token's name)",
      description: "An empty comment (only spaces) is refused with 400 `comment.empty`.",
      request: { params: VersionParams, ...jsonBody(CommentBody) },
      responses: { 201: json(Comment, "The comment, as stored"), ...missing },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(await Registry.addComment(name, version, c.req.valid("json"), platform), 201);
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/versions/{version}/comments",
      tags,
      summary: "A version's comments, oldest first",
      request: { params: VersionParams, query: ListQuery },
      responses: { 200: json(pageOf(Comment), "A page of comments"), ...missing },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(
        await Registry.listComments(name, version, c.req.valid("query"), platform),
        200,
      );
    },
  );
  return app;
}

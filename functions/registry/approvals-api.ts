import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute, notFound } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import * as Registry from "@gyre/core/registry/index";
import { json, ListQuery, pageOf } from "../shared/schemas";
import { Approval, Comparison, ComparisonQuery, Lineage, VersionParams } from "./schemas";

const tags = ["registry"];

/** What a reviewer reads: the approval queue, how a version differs from another, its lineage. */
export function approvalsApi(platform: Pick<Platform, "tokens" | "state">) {
  const { tokens } = platform;
  const app = createApp();

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/approvals",
      tags,
      summary: "Versions awaiting approval: gates, approvals so far, and the diff against champion",
      description:
        "Every PendingManualApproval version, by model name and newest version first, with the approvals it still needs and its metric, dataset and hyperparameter differences from the model's champion.",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Approval), "A page of versions awaiting approval") },
    }),
    async (c) => c.json(await Registry.listApprovals(c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/versions/{version}/comparison",
      tags,
      summary: "How this version (b) differs from another (a): by number or alias",
      request: { params: VersionParams, query: ComparisonQuery },
      responses: {
        200: json(Comparison, "The comparison, a = `against`, b = this version"),
        ...notFound("No such model, version or alias"),
      },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      const { against } = c.req.valid("query");
      return c.json(await Registry.compareWith(name, version, against, platform), 200);
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/versions/{version}/lineage",
      tags,
      summary: "Where a version came from (dataset, run) and where it went (deployments)",
      request: { params: VersionParams },
      responses: { 200: json(Lineage, "The version's lineage"), ...notFound("No such version") },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(await Registry.lineage(name, version, platform), 200);
    },
  );
  return app;
}

import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute, conflict, notFound } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import * as Registry from "@gyre/core/registry/index";
import { lambdaApi } from "../shared/lambda-api";
import { json, jsonBody, ListQuery, pageOf } from "../shared/schemas";
import { approvalsApi } from "./approvals-api";
import { commentsApi } from "./comments-api";
import {
  Alias,
  AliasBody,
  AliasParams,
  AliasResolution,
  ApproveBody,
  CompareParams,
  Comparison,
  HistoryEntry,
  Model,
  ModelDetail,
  ModelVersion,
  NameParam,
  Policy,
  PolicyBody,
  RegisterBody,
  RejectBody,
  VersionParams,
  VersionsQuery,
} from "./schemas";

const tags = ["registry"];
const missing = notFound("No such model, version or alias");

/** /models and /approvals: model versions with lineage, approvals, policies, aliases and their audit trail. */
export function registryApi(platform: Platform) {
  const { tokens } = platform;
  const app = createApp();

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models",
      tags,
      summary: "List models, by name",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Model), "A page of models") },
    }),
    async (c) => c.json(await Registry.listModels(c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}",
      tags,
      summary: "One model with its policy and aliases",
      request: { params: NameParam },
      responses: { 200: json(ModelDetail, "The model"), ...missing },
    }),
    async (c) => c.json(await Registry.getModel(c.req.valid("param").name, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/versions",
      tags,
      summary: "List a model's versions, newest first, optionally by status",
      request: { params: NameParam, query: VersionsQuery },
      responses: { 200: json(pageOf(ModelVersion), "A page of versions"), ...missing },
    }),
    async (c) =>
      c.json(
        await Registry.listVersions(c.req.valid("param").name, c.req.valid("query"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/models/{name}/versions",
      tags,
      summary: "Register a version trained elsewhere (with runId: once per run)",
      request: { params: NameParam, ...jsonBody(RegisterBody) },
      responses: {
        201: json(ModelVersion, "The new version, judged by the model's policy"),
        200: json(ModelVersion, "This runId is already a version: that version"),
      },
    }),
    async (c) => {
      const { created, version } = await Registry.registerVersion(
        c.req.valid("param").name,
        c.req.valid("json"),
        platform,
      );
      return c.json(version, created ? 201 : 200);
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/versions/{version}",
      tags,
      summary: "One version: status, lineage, metrics, gate results, approvals",
      request: { params: VersionParams },
      responses: { 200: json(ModelVersion, "The version"), ...missing },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(await Registry.getVersion(name, version, platform), 200);
    },
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "post",
      path: "/models/{name}/versions/{version}/approve",
      tags,
      summary: "Approve a version (Approved once the policy's requiredApprovals have approved)",
      request: { params: VersionParams, ...jsonBody(ApproveBody) },
      responses: {
        200: json(ModelVersion, "The version, Approved or still awaiting approvals"),
        ...missing,
        ...conflict("Already Approved, or already approved by this token"),
      },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(
        await Registry.approveVersion(name, version, c.req.valid("json"), platform),
        200,
      );
    },
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "post",
      path: "/models/{name}/versions/{version}/reject",
      tags,
      summary: "Reject a version awaiting approval, with a comment",
      description: "Without a comment (or only spaces): 400 `model_version.comment_required`.",
      request: { params: VersionParams, ...jsonBody(RejectBody) },
      responses: {
        200: json(ModelVersion, "The Rejected version"),
        ...missing,
        ...conflict("The version is not PendingManualApproval"),
      },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(
        await Registry.rejectVersion(name, version, c.req.valid("json"), platform),
        200,
      );
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/versions/{version}/history",
      tags,
      summary: "A version's audit trail, newest first",
      request: { params: VersionParams, query: ListQuery },
      responses: { 200: json(pageOf(HistoryEntry), "A page of entries"), ...missing },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(
        await Registry.history(name, { version, ...c.req.valid("query") }, platform),
        200,
      );
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/versions/{a}/compare/{b}",
      tags,
      summary: "Metric deltas, dataset and hyperparameter differences from version a to b",
      request: { params: CompareParams },
      responses: { 200: json(Comparison, "The comparison"), ...missing },
    }),
    async (c) => {
      const { name, a, b } = c.req.valid("param");
      return c.json(await Registry.compareVersions(name, a, b, platform), 200);
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/history",
      tags,
      summary: "The model's audit trail (status changes and alias moves), newest first",
      request: { params: NameParam, query: ListQuery },
      responses: { 200: json(pageOf(HistoryEntry), "A page of entries"), ...missing },
    }),
    async (c) =>
      c.json(
        await Registry.history(c.req.valid("param").name, c.req.valid("query"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/policy",
      tags,
      summary: "The policy new versions are judged by (the default until one is set)",
      request: { params: NameParam },
      responses: { 200: json(Policy, "The policy") },
    }),
    async (c) => c.json(await Registry.getPolicy(c.req.valid("param").name, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "put",
      path: "/models/{name}/policy",
      tags,
      summary: "Set the gates, approvals and auto-approval that judge new versions",
      request: { params: NameParam, ...jsonBody(PolicyBody) },
      responses: { 200: json(Policy, "The policy") },
    }),
    async (c) =>
      c.json(
        await Registry.putPolicy(c.req.valid("param").name, c.req.valid("json"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/models/{name}/aliases/{alias}",
      tags,
      summary: "The version an alias points at",
      request: { params: AliasParams },
      responses: { 200: json(AliasResolution, "The alias and its version"), ...missing },
    }),
    async (c) => {
      const { name, alias } = c.req.valid("param");
      return c.json(await Registry.resolveAlias(name, alias, platform), 200);
    },
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "put",
      path: "/models/{name}/aliases/{alias}",
      tags,
      summary: "Point an alias at a version (champion: Approved versions only)",
      request: { params: AliasParams, ...jsonBody(AliasBody) },
      responses: {
        200: json(Alias, "The alias"),
        ...missing,
        ...conflict("champion must be an Approved version"),
      },
    }),
    async (c) => {
      const { name, alias } = c.req.valid("param");
      return c.json(await Registry.setAlias(name, alias, c.req.valid("json"), platform), 200);
    },
  );
  app.route("/", approvalsApi(platform));
  app.route("/", commentsApi(platform));
  return app;
}

/** Makes the app from a platform (the local runtime, tests); `handler` is the Lambda entry point. */
export const make = registryApi;
export const lambda = lambdaApi(make);

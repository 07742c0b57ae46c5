import * as Datasets from "@gyre/core/datasets/index";
import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute, conflict, notFound } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import { lambdaApi } from "../shared/lambda-api";
import { json, jsonBody, ListQuery, pageOf } from "../shared/schemas";
import {
  CompareParams,
  Comparison,
  Dataset,
  NameParam,
  RegisterBody,
  Version,
  VersionParams,
  VersionWithProfile,
} from "./schemas";

const tags = ["datasets"];
const missing = notFound("No such dataset or version");

/** /datasets: dataset versions, their profiles and comparisons, and registering objects. */
export function datasetsApi(platform: Platform) {
  const { tokens } = platform;
  const app = createApp();

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/datasets",
      tags,
      summary: "List datasets, each with its latest version",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Dataset), "A page of datasets, by name") },
    }),
    async (c) => c.json(await Datasets.listDatasets(c.req.valid("query"), platform), 200),
  );

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/datasets/{name}/versions",
      tags,
      summary: "List a dataset's versions, newest first",
      request: { params: NameParam, query: ListQuery },
      responses: { 200: json(pageOf(Version), "A page of versions"), ...missing },
    }),
    async (c) =>
      c.json(
        await Datasets.listVersions(c.req.valid("param").name, c.req.valid("query"), platform),
        200,
      ),
  );

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/datasets/{name}/versions/{version}",
      tags,
      summary: "One version, with its profile",
      request: { params: VersionParams },
      responses: { 200: json(VersionWithProfile, "The version"), ...missing },
    }),
    async (c) => {
      const { name, version } = c.req.valid("param");
      return c.json(await Datasets.getVersion(name, version, platform), 200);
    },
  );

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/datasets/{name}/versions/{a}/compare/{b}",
      tags,
      summary: "Schema changes and per-column profile differences from version a to version b",
      request: { params: CompareParams },
      responses: {
        200: json(Comparison, "The comparison"),
        ...missing,
        ...conflict("A version has no profile (rejected)"),
      },
    }),
    async (c) => {
      const { name, a, b } = c.req.valid("param");
      return c.json(await Datasets.compareVersions(name, a, b, platform), 200);
    },
  );

  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/datasets/{name}/versions",
      tags,
      summary:
        "Register an object (or a folder ending in /) elsewhere in the bucket as the next version",
      request: {
        params: NameParam,
        ...jsonBody(RegisterBody),
      },
      responses: {
        201: json(Version, "A new version (status ready, or rejected with a reason)"),
        200: json(Version, "These bytes are already a version of the dataset: that version"),
        ...missing,
      },
    }),
    async (c) => {
      const result = await Datasets.registerUri(
        c.req.valid("param").name,
        c.req.valid("json").uri,
        platform,
      );
      return c.json(result.version, result.created ? 201 : 200);
    },
  );

  return app;
}

/** Makes the app from a platform (the local runtime, tests); `handler` is the Lambda entry point. */
export const make = datasetsApi;
export const lambda = lambdaApi(make);

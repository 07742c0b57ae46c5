import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute, conflict, notFound } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import * as Training from "@gyre/core/training/index";
import { lambdaApi } from "../shared/lambda-api";
import { json, jsonBody, pageOf } from "../shared/schemas";
import {
  Logs,
  LogsQuery,
  NameParam,
  Pipeline,
  PipelineBody,
  Run,
  RunParam,
  RunsQuery,
  StartRunBody,
} from "./schemas";

const missing = notFound("No such pipeline or run");

/** /pipelines and /runs: what to train and when, and the runs that follow. */
export function trainingApi(platform: Platform) {
  const { tokens } = platform;
  const app = createApp();
  const tags = ["training"];

  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/pipelines",
      tags,
      summary: "Create a pipeline",
      request: jsonBody(PipelineBody),
      responses: {
        201: json(Pipeline, "The pipeline"),
        ...conflict("A pipeline with that name exists"),
      },
    }),
    async (c) => c.json(await Training.createPipeline(c.req.valid("json"), platform), 201),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/pipelines",
      tags,
      summary: "List pipelines",
      request: { query: RunsQuery.pick({ limit: true, cursor: true }) },
      responses: { 200: json(pageOf(Pipeline), "A page of pipelines") },
    }),
    async (c) => c.json(await Training.listPipelines(c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/pipelines/{name}",
      tags,
      summary: "One pipeline",
      request: { params: NameParam },
      responses: { 200: json(Pipeline, "The pipeline"), ...missing },
    }),
    async (c) => c.json(await Training.getPipeline(c.req.valid("param").name, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "put",
      path: "/pipelines/{name}",
      tags,
      summary: "Replace a pipeline (and enable it)",
      request: { params: NameParam, ...jsonBody(PipelineBody) },
      responses: { 200: json(Pipeline, "The pipeline"), ...missing },
    }),
    async (c) =>
      c.json(
        await Training.replacePipeline(c.req.valid("param").name, c.req.valid("json"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "delete",
      path: "/pipelines/{name}",
      tags,
      summary: "Disable a pipeline; its runs keep their history",
      request: { params: NameParam },
      responses: { 200: json(Pipeline, "The disabled pipeline"), ...missing },
    }),
    async (c) => c.json(await Training.disablePipeline(c.req.valid("param").name, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/pipelines/{name}/runs",
      tags,
      summary:
        "Start a run now, on a dataset version or the newest, with hyperparameters overridden",
      request: { params: NameParam, ...jsonBody(StartRunBody) },
      responses: { 201: json(Run, "The run"), ...missing },
    }),
    async (c) => {
      const run = await Training.startManualRun(
        c.req.valid("param").name,
        c.req.valid("json"),
        platform,
      );
      return c.json(run, 201);
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/runs",
      tags,
      summary: "List runs, newest first",
      request: { query: RunsQuery },
      responses: { 200: json(pageOf(Run), "A page of runs") },
    }),
    async (c) => c.json(await Training.listRuns(c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/runs/{id}",
      tags,
      summary: "One run with its attempts, metrics, artifact and cost",
      request: { params: RunParam },
      responses: { 200: json(Run, "The run"), ...missing },
    }),
    async (c) => c.json(await Training.getRun(c.req.valid("param").id, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/runs/{id}/logs",
      tags,
      summary: "What the job printed (pass next back as cursor to follow)",
      request: { params: RunParam, query: LogsQuery },
      responses: { 200: json(Logs, "Log lines"), ...missing },
    }),
    async (c) =>
      c.json(await Training.runLogs(c.req.valid("param").id, c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/runs/{id}/cancel",
      tags,
      summary: "Cancel an unfinished run",
      request: { params: RunParam },
      responses: {
        200: json(Run, "The cancelled run"),
        ...missing,
        ...conflict("The run has finished"),
      },
    }),
    async (c) => c.json(await Training.cancelRun(c.req.valid("param").id, platform), 200),
  );
  return app;
}

/** Makes the app from a platform (the local runtime, tests); `handler` is the Lambda entry point. */
export const make = trainingApi;
export const lambda = lambdaApi(make);
